using System.Net;

namespace AioGraphQL.Client;

/// <summary>
/// A JSON request body held in a pooled buffer, returned when the content is disposed.
/// </summary>
internal sealed class PooledJsonContent : HttpContent
{
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly PooledBufferWriter _body;

    public PooledJsonContent(PooledBufferWriter body)
    {
        _body = body;

        // Added as text: a parsed value costs three objects per request and would be turned back
        // into this same text on the wire. A handler that reads ContentType still gets it parsed.
        Headers.TryAddWithoutValidation("Content-Type", JsonContentType);
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
