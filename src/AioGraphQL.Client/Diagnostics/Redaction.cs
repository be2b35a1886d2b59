using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AioGraphQL.Client;

/// <summary>Keeps secrets out of exception messages, excerpts and logs.</summary>
internal static class Redaction
{
    /// <summary>What replaces a masked secret.</summary>
    public const string Mask = "***";

    private const int ExcerptChars = 256;

    private const int MinimumSecretLength = 4;

    /// <summary>
    /// An endpoint for messages and logs: scheme, host, port and path only, since the user
    /// info may hold a password and the query an API key.
    /// </summary>
    public static string DescribeEndpoint(Uri endpoint) => endpoint.GetComponents(
        UriComponents.SchemeAndServer | UriComponents.Path,
        UriFormat.UriEscaped);

    /// <summary>Whether a header's value may carry a credential or session.</summary>
    public static bool IsSensitiveHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)
        || name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("key", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("session", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("auth", StringComparison.OrdinalIgnoreCase);

    /// <summary>Copies response headers, leaving out any that may carry a secret.</summary>
    public static Dictionary<string, string> SafeHeaders(HttpResponseMessage response)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Copy(result, response.Headers);
        Copy(result, response.Content.Headers);
        return result;
    }

    /// <summary>
    /// The start of a body as text, control characters flattened and every secret masked:
    /// as sent, without its scheme (<c>Bearer abc</c> also masks <c>abc</c>), and JSON-escaped
    /// the way a server that echoes it might write it. A secret cut by the end of the excerpt
    /// is masked too, so no part of one is shown.
    /// </summary>
    public static string Excerpt(ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var forms = Forms(secrets);
        var longest = 0;
        foreach (var form in forms)
        {
            longest = Math.Max(longest, form.Length);
        }

        // Mask before cutting: a secret that crosses the cut is then masked whole.
        var window = body[..Math.Min(body.Length, ExcerptChars + (longest * 4))];
        var text = MaskAll(UnescapeJson(Encoding.UTF8.GetString(window)), forms);
        var cut = text.Length > ExcerptChars || window.Length < body.Length;
        if (text.Length > ExcerptChars)
        {
            text = text[..ExcerptChars];
        }

        if (cut)
        {
            text = MaskCutSecret(text, forms) + "…";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Replaces every form of each secret that occurs in <paramref name="text"/>.
    /// </summary>
    public static string MaskSecrets(string text, IEnumerable<string> secrets) =>
        MaskAll(text, Forms(secrets));

    /// <summary>
    /// The values to mask in anything derived from a response: every user header sent, since
    /// any custom header may carry a credential the client cannot recognise by name.
    /// </summary>
    public static IEnumerable<string> SecretValues(IEnumerable<KeyValuePair<string, string>> sent)
    {
        foreach (var (_, value) in sent)
        {
            yield return value;
        }
    }

    /// <summary>
    /// Every string value in a JSON document, at any depth: what a connection payload built
    /// by user code may hold a credential in. Property names are left out.
    /// </summary>
    public static List<string> JsonStringValues(ReadOnlySpan<byte> json)
    {
        var values = new List<string>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } value)
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static string MaskAll(string text, List<string> forms)
    {
        foreach (var form in forms)
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static string MaskCutSecret(string text, List<string> forms)
    {
        foreach (var form in forms)
        {
            for (var length = Math.Min(form.Length - 1, text.Length); length > 0; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(form.AsSpan(0, length)))
                {
                    return text[..^length] + Mask;
                }
            }
        }

        return text;
    }

    private static List<string> Forms(IEnumerable<string> secrets)
    {
        var forms = new List<string>();
        foreach (var secret in secrets)
        {
            Add(forms, secret);
            var space = secret.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                Add(forms, secret[(space + 1)..]);
            }
        }

        // Longest first, so a shorter form never masks half of a longer one.
        forms.Sort((a, b) => b.Length.CompareTo(a.Length));
        return forms;
    }

    private static void Add(List<string> forms, string secret)
    {
        if (secret.Length < MinimumSecretLength)
        {
            return;
        }

        AddOnce(forms, secret);
    }

    /// <summary>
    /// Turns JSON's four-hex-digit <c>\u</c> escapes and <c>\/</c> back into characters, so
    /// a secret a server echoes JSON-escaped (<c>+</c> as <c>\u002B</c>, <c>=</c> as
    /// <c>\u003D</c>) is masked like the plain one; servers differ in what they escape.
    /// </summary>
    private static string UnescapeJson(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 5 < text.Length && text[i + 1] == 'u'
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 5;
            }
            else if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '/')
            {
                builder.Append('/');
                i++;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static void AddOnce(List<string> forms, string form)
    {
        if (!forms.Contains(form))
        {
            forms.Add(form);
        }
    }

    private static void Copy(Dictionary<string, string> target, HttpHeaders headers)
    {
        foreach (var (name, values) in headers)
        {
            if (!IsSensitiveHeader(name))
            {
                target[name] = string.Join(", ", values);
            }
        }
    }
}
