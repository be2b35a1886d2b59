using System.Text;

namespace AioGraphQL.Client.Benchmarks;

/// <summary>The response bodies the benchmark server sends, built once.</summary>
internal static class CannedResponses
{
    /// <summary>The size <see cref="OneMegabyte"/> is padded to exactly.</summary>
    public const int OneMegabyteLength = 1024 * 1024;

    public static readonly byte[] Small = Encoding.UTF8.GetBytes(Quote(
        "{'data':{'hero':{'id':'2001','name':'R2-D2','appearsIn':['NEWHOPE','EMPIRE','JEDI'],"
        + "'friends':[{'id':'1000','name':'Luke Skywalker'},{'id':'1002','name':'Han Solo'},"
        + "{'id':'1003','name':'Leia Organa'}]}}}"));

    public static readonly byte[] OneMegabyte = BuildLarge();

    public static byte[] For(ResponseSize size) =>
        size == ResponseSize.Small ? Small : OneMegabyte;

    private static byte[] BuildLarge()
    {
        var text = new StringBuilder(OneMegabyteLength);
        text.Append(Quote("{'data':{'starships':["));

        const string closing = "]}}";
        var index = 0;
        while (true)
        {
            var item = Quote((index == 0 ? "" : ",")
                + $"{{'id':'{index}','name':'Starship {index}','length':{index % 997}.5,"
                + $"'pilots':[{{'name':'Pilot {index}'}}],'hyperdrive':true}}");
            if (text.Length + item.Length + closing.Length > OneMegabyteLength)
            {
                break;
            }

            text.Append(item);
            index++;
        }

        // Pad with insignificant whitespace so the body is exactly one mebibyte.
        text.Append(' ', OneMegabyteLength - text.Length - closing.Length);
        text.Append(closing);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // Single quotes keep the JSON readable in source; JSON itself needs double ones.
    private static string Quote(string json) => json.Replace('\'', '"');
}
