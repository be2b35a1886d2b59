namespace AioGraphQL.Client.Benchmarks;

/// <summary>Which canned response the server sends back.</summary>
public enum ResponseSize
{
    /// <summary>A typical small result of about 200 bytes.</summary>
    Small,

    /// <summary>A result of one mebibyte: a long list of objects.</summary>
    OneMegabyte,
}
