using System.Text;

namespace AioGraphQL.Client.Tests.Diagnostics;

public sealed class RedactionTests
{
    [Fact]
    public void Excerpt_SecretCrossesTheCut_NoPartShown()
    {
        const string token = "tok_0123456789abcdef";
        var body = Encoding.UTF8.GetBytes(new string('x', 245) + token + new string('y', 50));

        var excerpt = Redaction.Excerpt(body, ["Bearer " + token]);

        Assert.DoesNotContain("tok_", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("0123", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Excerpt_BodyEndsInsideSecret_PrefixMasked()
    {
        const string token = "tok_0123456789abcdef";
        var body = Encoding.UTF8.GetBytes(new string('x', 300) + token);

        var excerpt = Redaction.Excerpt(body.AsSpan(0, 256 + 8), [token]);

        Assert.DoesNotContain("tok_0123", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Excerpt_SecretEchoedJsonEscaped_IsMasked()
    {
        var body = Encoding.UTF8.GetBytes("{\"e\":\"bad Basic YWxp\\u002BY2U6\\u003D\\u003D\"}");

        var excerpt = Redaction.Excerpt(body, ["Basic YWxp+Y2U6=="]);

        Assert.DoesNotContain("YWxp", excerpt, StringComparison.Ordinal);
        Assert.Contains(Redaction.Mask, excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Excerpt_ControlCharacters_Flattened()
    {
        var excerpt = Redaction.Excerpt("a\r\nb\tc"u8, []);

        Assert.Equal("a  b c", excerpt);
    }
}
