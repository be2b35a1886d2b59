namespace AioGraphQL.Client;

/// <summary>Where the merged user headers go in the <c>connection_init</c> payload.</summary>
public enum GraphQLConnectionPayloadShape
{
    /// <summary>
    /// Each header is a top-level key, spelled as given: <c>{"Authorization":"…"}</c>.
    /// </summary>
    TopLevel,

    /// <summary>The headers are an object under <c>headers</c>: <c>{"headers":{…}}</c>.</summary>
    HeadersObject,
}
