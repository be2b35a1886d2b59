namespace AioGraphQL.Client;

/// <summary>How a query travels over HTTP.</summary>
public enum GraphQLHttpMethod
{
    /// <summary>A JSON body in a POST: works for every operation.</summary>
    Post,

    /// <summary>Query-string parameters in a GET: cacheable, for queries only.</summary>
    Get,
}
