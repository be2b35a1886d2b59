using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>
/// The envelope of one sub-protocol message, <c>{"type","id","payload"}</c>, located in the
/// received bytes without building a document or allocating for the common case: the type is
/// compared as bytes, a numeric id is parsed in place, and the payload is kept as a range so
/// that only it is parsed into the document a result owns.
/// </summary>
internal readonly struct WebSocketEnvelope
{
    private const int MaxShownLength = 40;

    private WebSocketEnvelope(
        Range type,
        string? escapedType,
        bool hasId,
        long numericId,
        string? otherId,
        Range? payload)
    {
        Type = type;
        EscapedType = escapedType;
        HasId = hasId;
        NumericId = numericId;
        OtherId = otherId;
        Payload = payload;
    }

    /// <summary>Where the unescaped <c>type</c> string lies in the message.</summary>
    public Range Type { get; }

    /// <summary>
    /// The type when it was written with JSON escapes, which the range cannot hold.
    /// </summary>
    public string? EscapedType { get; }

    /// <summary>Whether the message has an <c>id</c>.</summary>
    public bool HasId { get; }

    /// <summary>The id as a number, or -1 when it is not one this client could have made.</summary>
    public long NumericId { get; }

    /// <summary>An id that is not a plain decimal number, kept only for the log.</summary>
    public string? OtherId { get; }

    /// <summary>Where the <c>payload</c> value lies, or null when there is none.</summary>
    public Range? Payload { get; }

    /// <summary>
    /// Reads the envelope of <paramref name="message"/>; returns why it is not a valid
    /// envelope, or null when it is.
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> message, out WebSocketEnvelope envelope)
    {
        envelope = default;
        try
        {
            return Read(message, out envelope);
        }
        catch (JsonException)
        {
            return "it is not valid JSON";
        }
    }

    /// <summary>The message type as text, for exceptions and logs; shortened when long.</summary>
    public string TypeName(ReadOnlySpan<byte> message)
    {
        var text = EscapedType ?? Encoding.UTF8.GetString(message[Type]);
        return Shorten(text);
    }

    /// <summary>The id as text, for logs; shortened when long.</summary>
    public string IdText() =>
        OtherId is { } other ? Shorten(other) : NumericId.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text) =>
        text.Length > MaxShownLength ? text[..MaxShownLength] + "…" : text;

    private static string? Read(ReadOnlySpan<byte> message, out WebSocketEnvelope envelope)
    {
        envelope = default;
        var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = 128 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "it is not a JSON object";
        }

        Range? type = null;
        string? escapedType = null;
        var hasId = false;
        long numericId = -1;
        string? otherId = null;
        Range? payload = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            var escapedName = reader.ValueIsEscaped;
            reader.Read();

            if (!escapedName && name.SequenceEqual("type"u8))
            {
                if (type is not null || reader.TokenType != JsonTokenType.String)
                {
                    return "its 'type' is repeated or not a string";
                }

                var start = (int)reader.TokenStartIndex + 1;
                type = new Range(start, start + reader.ValueSpan.Length);
                escapedType = reader.ValueIsEscaped ? reader.GetString() : null;
            }
            else if (!escapedName && name.SequenceEqual("id"u8))
            {
                if (hasId)
                {
                    return "its 'id' is repeated";
                }

                hasId = true;
                if (!ReadId(ref reader, out numericId, out otherId))
                {
                    return "its 'id' is neither a string nor a number";
                }
            }
            else if (!escapedName && name.SequenceEqual("payload"u8))
            {
                if (payload is not null)
                {
                    return "its 'payload' is repeated";
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                payload = new Range(start, (int)reader.BytesConsumed);
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return "it is not a single JSON object";
        }

        if (type is not { } found)
        {
            return "it has no 'type'";
        }

        envelope = new WebSocketEnvelope(found, escapedType, hasId, numericId, otherId, payload);
        return null;
    }

    private static bool ReadId(ref Utf8JsonReader reader, out long numericId, out string? otherId)
    {
        numericId = -1;
        otherId = null;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out numericId) || numericId < 0)
            {
                numericId = -1;
                otherId = Encoding.UTF8.GetString(reader.ValueSpan);
            }

            return true;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        var span = reader.ValueSpan;
        if (!reader.ValueIsEscaped
            && span.Length > 0
            && span[0] != (byte)'-'
            && span[0] != (byte)'+'
            && Utf8Parser.TryParse(span, out long value, out var consumed)
            && consumed == span.Length
            && (span.Length == 1 || span[0] != (byte)'0'))
        {
            numericId = value;
            return true;
        }

        // An id this client never makes: read as text only so the log can name it.
        otherId = reader.GetString();
        return true;
    }
}
