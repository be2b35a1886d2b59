using System.Net.Http.Headers;
using System.Text;

namespace AioGraphQL.Client;

/// <summary>Keeps secrets out of exception messages, excerpts and logs.</summary>
internal static class Redaction
{
    /// <summary>What replaces a masked secret.</summary>
    public const string Mask = "***";

    private const int ExcerptBytes = 256;

    private const int MinimumSecretLength = 4;

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
    /// The start of a body as text, control characters flattened and every secret masked,
    /// including each part of a scheme-prefixed credential such as <c>Bearer abc</c>.
    /// </summary>
    public static string Excerpt(ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, ExcerptBytes)]);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        if (body.Length > ExcerptBytes)
        {
            builder.Append('…');
        }

        return MaskSecrets(builder.ToString(), secrets);
    }

    /// <summary>Replaces every occurrence of each secret, and of its part after a scheme.</summary>
    public static string MaskSecrets(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            text = MaskOne(text, secret);
            var space = secret.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                text = MaskOne(text, secret[(space + 1)..]);
            }
        }

        return text;
    }

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

    private static string MaskOne(string text, string secret) =>
        secret.Length < MinimumSecretLength
            ? text
            : text.Replace(secret, Mask, StringComparison.Ordinal);

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
