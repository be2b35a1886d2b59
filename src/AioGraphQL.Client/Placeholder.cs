namespace AioGraphQL.Client; /// <summary>x</summary>
public static class Placeholder { }
