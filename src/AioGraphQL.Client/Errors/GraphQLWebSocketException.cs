namespace AioGraphQL.Client;

/// <summary>
/// The WebSocket a subscription ran on closed, or the server refused the connection. Carries
/// the close code and reason the server sent, and whether trying again may help.
/// </summary>
/// <remarks>
/// <para>How the client reads the close codes it knows (see <see
/// cref="IsRetryableCloseStatus"/>):</para>
/// <list type="table">
/// <listheader><term>code</term><description>meaning; retryable?</description></listheader>
/// <item><term>1000</term><description>normal closure while operations were running: the
/// server ended the session on purpose; fatal.</description></item>
/// <item><term>1001</term><description>going away (server restart); retryable.</description></item>
/// <item><term>1006</term><description>abnormal closure: the connection dropped without a
/// close frame; retryable.</description></item>
/// <item><term>1011</term><description>internal server error; retryable.</description></item>
/// <item><term>1012, 1013, 1014</term><description>service restart, try again later, bad
/// gateway; retryable.</description></item>
/// <item><term>4400</term><description>bad request: the server found a message invalid;
/// fatal.</description></item>
/// <item><term>4401</term><description>unauthorized: an operation before the
/// acknowledgement; fatal, but retried once with a fresh credential when an authorization
/// provider is set.</description></item>
/// <item><term>4403</term><description>forbidden: the connection payload was refused; as
/// 4401.</description></item>
/// <item><term>4406</term><description>sub-protocol not acceptable; fatal.</description></item>
/// <item><term>4408</term><description>connection initialisation (or pong) timeout;
/// retryable.</description></item>
/// <item><term>4409</term><description>subscriber for the id already exists;
/// fatal.</description></item>
/// <item><term>4429</term><description>too many initialisation requests;
/// fatal.</description></item>
/// <item><term>4499</term><description>terminated; retryable.</description></item>
/// <item><term>other</term><description>fatal.</description></item>
/// </list>
/// <para>A legacy <c>connection_error</c> is reported with no <see cref="CloseStatus"/> and
/// counts as a refusal, like 4403.</para>
/// </remarks>
public sealed class GraphQLWebSocketException : GraphQLClientException
{
    /// <summary>The code of a connection that dropped without a close frame.</summary>
    public const int AbnormalClosure = 1006;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One sentence, free of secrets.</param>
    /// <param name="closeStatus">The close code, or null when no close was involved.</param>
    /// <param name="closeDescription">The close reason, with known secrets masked.</param>
    /// <param name="isRetryable">Whether connecting again may succeed.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    public GraphQLWebSocketException(
        string message,
        int? closeStatus = null,
        string? closeDescription = null,
        bool isRetryable = false,
        Exception? innerException = null)
        : base(message, innerException)
    {
        CloseStatus = closeStatus;
        CloseDescription = closeDescription;
        IsRetryable = isRetryable;
    }

    /// <summary>
    /// The close code the server sent, <see cref="AbnormalClosure"/> (1006) when the connection
    /// dropped without one, or <see langword="null"/> for a refusal without a close.
    /// </summary>
    public int? CloseStatus { get; }

    /// <summary>The close reason the server sent, secrets this client sent masked.</summary>
    public string? CloseDescription { get; }

    /// <summary>Whether connecting again may succeed; the reconnect logic follows this.</summary>
    public bool IsRetryable { get; }

    /// <summary>
    /// Whether the server refused the connection payload: a 4401 or 4403 close, or a legacy
    /// <c>connection_error</c>.
    /// </summary>
    public bool IsRefusal => CloseStatus is 4401 or 4403 || IsConnectionError;

    /// <summary>Set for a legacy <c>connection_error</c>, which has no close code.</summary>
    internal bool IsConnectionError { get; init; }

    /// <summary>Whether a close code is worth reconnecting after; see the table above.</summary>
    /// <param name="closeStatus">The close code.</param>
    /// <returns><see langword="true"/> for 1001, 1006, 1011-1014, 4408 and 4499.</returns>
    public static bool IsRetryableCloseStatus(int closeStatus) => closeStatus switch
    {
        1001 or AbnormalClosure or 1011 or 1012 or 1013 or 1014 => true,
        4408 or 4499 => true,
        _ => false,
    };
}
