using System.Buffers;
using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// The bytes of one result's payload, copied out of the receive buffer into an array from the
/// transport's own pool, waiting in an operation's queue until its consumer turns it into a
/// <see cref="GraphQLResponse"/>.
/// </summary>
/// <remarks>
/// Parsing happens on the consumer's side, so the document's pooled metadata is rented and
/// returned on the same thread; the payload arrays come from a pool that keeps enough of them
/// for the results a fast server piles up ahead of a consumer, where the shared pool would
/// keep a few and leave the rest to the garbage collector.
/// </remarks>
internal sealed class WebSocketResultPayload : IDisposable
{
    private const int MaxPooledLength = 64 * 1024;

    private const int ArraysPerSize = 256;

    private static readonly ArrayPool<byte> s_pool =
        ArrayPool<byte>.Create(MaxPooledLength, ArraysPerSize);

    private byte[]? _array;

    private WebSocketResultPayload(byte[] array, int length, string messageType)
    {
        _array = array;
        Length = length;
        MessageType = messageType;
    }

    public int Length { get; }

    /// <summary>The type of the message it came in, for a protocol exception.</summary>
    public string MessageType { get; }

    /// <summary>Copies <paramref name="payload"/> into a pooled array.</summary>
    public static WebSocketResultPayload Copy(ReadOnlySpan<byte> payload, string messageType)
    {
        var array = payload.Length <= MaxPooledLength
            ? s_pool.Rent(payload.Length)
            : new byte[payload.Length];
        payload.CopyTo(array);
        return new WebSocketResultPayload(array, payload.Length, messageType);
    }

    /// <summary>
    /// Parses the payload into a response that takes over the array, or throws when it is
    /// not a GraphQL result (the array is returned either way).
    /// </summary>
    public GraphQLResponse ToResponse()
    {
        var array = _array ?? throw new ObjectDisposedException(nameof(WebSocketResultPayload));
        string? reason;
        try
        {
            var document = JsonDocument.Parse(
                array.AsMemory(0, Length),
                GraphQLJson.DocumentOptions);
            reason = GraphQLResultReader.TryRead(document.RootElement, out var errors);
            if (reason is null)
            {
                return new GraphQLResponse(document, errors, this);
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            reason = "it is not valid JSON";
        }

        Dispose();
        throw new GraphQLProtocolException(
            $"The server sent a result that is not a GraphQL result: {reason}.",
            MessageType);
    }

    /// <summary>Returns the array to the pool; the response that owned it is unreadable after.</summary>
    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null && array.Length <= MaxPooledLength)
        {
            s_pool.Return(array);
        }
    }
}
