namespace AioGraphQL.Client;

/// <summary>
/// Builds the handshake for each connect of one connection: its user headers, with the
/// authorization provider's current or refreshed value in place of any fixed one.
/// </summary>
internal sealed class WebSocketHandshakeFactory
{
    private readonly WebSocketSettings _settings;

    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    private readonly bool _useProvider;

    private readonly CancellationToken _lifetime;

    public WebSocketHandshakeFactory(
        WebSocketSettings settings,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        bool useProvider,
        CancellationToken lifetime)
    {
        _settings = settings;
        _headers = headers;
        _useProvider = useProvider;
        _lifetime = lifetime;
    }

    /// <summary>
    /// Creates the handshake; with <paramref name="refused"/> set, refreshes that credential
    /// first.
    /// </summary>
    public async Task<WebSocketHandshake> CreateAsync(
        AuthorizationCoordinator.Credential? refused)
    {
        if (!_useProvider)
        {
            return new WebSocketHandshake(_headers, credential: null);
        }

        // A connection with _useProvider set always has a coordinator.
        var authorization = _settings.Authorization!;
        AuthorizationCoordinator.Credential credential;
        if (refused is { } old)
        {
            WebSocketLog.CredentialRefreshing(_settings.Logger);
            credential = await authorization.RefreshAsync(old, _lifetime)
                .ConfigureAwait(false);
        }
        else
        {
            credential = await authorization
                .GetAsync(GraphQLAuthorizationContext.WebSocketConnect, _lifetime)
                .ConfigureAwait(false);
        }

        var headers = new List<KeyValuePair<string, string>>(_headers.Count + 1);
        foreach (var header in _headers)
        {
            var isAuthorization = header.Key.Equals(
                _settings.AuthorizationHeader,
                StringComparison.OrdinalIgnoreCase);
            if (!isAuthorization)
            {
                headers.Add(header);
            }
        }

        if (credential.Value is { } value)
        {
            HeaderValidation.ThrowIfInvalid(_settings.AuthorizationHeader, value);
            headers.Add(new KeyValuePair<string, string>(_settings.AuthorizationHeader, value));
        }

        return new WebSocketHandshake(headers, credential);
    }
}
