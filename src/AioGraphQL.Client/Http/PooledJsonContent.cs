using System.Net;
using System.Net.Http.Headers;

namespace AioGraphQL.Client;

/// <summary>A JSON request body held in a pooled buffer, returned when the content is disposed.</summary>
internal sealed class PooledJsonContent : HttpContent
{
    private static readonly MediaTypeHeaderValue s_json = MediaTypeHeaderValue.Parse(
        "application/json; charset=utf-8");

    private readonly PooledBufferWriter _body;

    public PooledJsonContent(PooledBufferWriter body)
    {
        _body = body;

        // A shared parsed value would be mutable through the headers, so each content copies it.
        Headers.ContentType = new MediaTypeHeaderValue(s_json.MediaType!, "utf-8");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_body.WrittenMemory).AsTask();

    protected override Task SerializeToStreamAsync(
        Stream stream,
        TransportContext? context,
        CancellationToken cancellationToken) =>
        stream.WriteAsync(_body.WrittenMemory, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _body.WrittenCount;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
