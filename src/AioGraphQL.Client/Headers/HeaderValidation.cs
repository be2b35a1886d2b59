namespace AioGraphQL.Client;

/// <summary>Checks header names and values before they can reach the wire.</summary>
internal static class HeaderValidation
{
    /// <summary>
    /// Throws when the name is not an HTTP token or the value could split a header.
    /// </summary>
    public static void ThrowIfInvalid(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        foreach (var c in name)
        {
            if (c <= ' ' || c >= 0x7f || c is ':' or '(' or ')' or ',' or '/' or ';' or '<'
                or '=' or '>' or '?' or '@' or '[' or '\\' or ']' or '{' or '}' or '"')
            {
                throw new ArgumentException(
                    $"'{SafeName(name)}' is not a valid HTTP header name.", nameof(name));
            }
        }

        if (value is null)
        {
            return;
        }

        // The value itself is never quoted back: it may be a credential.
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException(
                $"The value of header '{name}' contains CR, LF or NUL, which would split it.",
                nameof(value));
        }

        // HTTP/1.1 carries visible ASCII, space and tab; anything else is refused here rather
        // than failing later, half-sent, inside the HTTP stack.
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c >= 0x7f)
            {
                throw new ArgumentException(
                    $"The value of header '{name}' has a control or non-ASCII character; "
                        + "encode it (for example as base64 or percent-encoding) first.",
                    nameof(value));
            }
        }
    }

    private static string SafeName(string name)
    {
        var shown = name.Length > 40 ? name[..40] : name;
        return shown.Replace('\r', ' ').Replace('\n', ' ');
    }
}
