using System.Text;

namespace AioGraphQL.Client;

/// <summary>Builds <c>Authorization</c> header values for the common schemes.</summary>
public static class GraphQLAuth
{
    /// <summary>The conventional name of the header these values go in.</summary>
    public const string AuthorizationHeader = "Authorization";

    /// <summary>Builds <c>Bearer &lt;token&gt;</c>.</summary>
    /// <param name="token">The access token.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException"><paramref name="token"/> is null or empty.</exception>
    public static string Bearer(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return "Bearer " + token;
    }

    /// <summary>Builds <c>Basic base64(user:password)</c>, encoding both parts as UTF-8.</summary>
    /// <param name="user">The user name; it may not contain a colon.</param>
    /// <param name="password">The password.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentNullException">Either argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="user"/> contains a colon.</exception>
    public static string Basic(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A basic-auth user name cannot contain ':'.", nameof(user));
        }

        return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
    }
}
