namespace AioGraphQL.Client;

/// <summary>
/// Runs one call under the caller's token and the client's time limit, and tells the two
/// apart afterwards: the caller's cancellation stays an <see cref="OperationCanceledException"/>
/// carrying the caller's token, the limit becomes a <see cref="GraphQLTimeoutException"/>.
/// </summary>
internal static class CallTimeout
{
    /// <summary>
    /// The longest limit a timer can hold (about 49.7 days); anything longer counts as none.
    /// </summary>
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public static Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> call,
        TimeSpan timeout,
        CallScope scope,
        string what,
        CancellationToken cancellationToken) =>
        RunAsync(
            static (call, token) => call(token),
            call,
            timeout,
            scope,
            what,
            cancellationToken);

    /// <summary>
    /// As the other overload, with the call's inputs passed as <paramref name="state"/>, so a
    /// static lambda serves every call and no closure is allocated per request.
    /// </summary>
    public static async Task<T> RunAsync<TState, T>(
        Func<TState, CancellationToken, Task<T>> call,
        TState state,
        TimeSpan timeout,
        CallScope scope,
        string what,
        CancellationToken cancellationToken)
    {
        CancellationTokenSource? timeoutSource = null;
        CancellationTokenRegistration link = default;
        if (timeout != Timeout.InfiniteTimeSpan && timeout <= s_longestTimer)
        {
            timeoutSource = new CancellationTokenSource(timeout, scope.TimeProvider);
            link = cancellationToken.UnsafeRegister(
                static source => ((CancellationTokenSource)source!).Cancel(),
                timeoutSource);
        }

        // One async method rather than two: each is a state machine allocated per request.
        try
        {
            return await call(state, timeoutSource?.Token ?? cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            if (ex.CancellationToken == cancellationToken)
            {
                throw;
            }

            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (OperationCanceledException ex) when (timeoutSource?.IsCancellationRequested == true)
        {
            Log.HttpTimedOut(scope.Logger, timeout.TotalMilliseconds);
            throw new GraphQLTimeoutException(
                timeout,
                $"The {what} did not finish within {timeout.TotalSeconds:0.###} s.",
                ex);
        }
        catch (OperationCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            // An injected HttpClient's own Timeout ran out before ours: report its limit.
            var limit = scope.HttpClientTimeout;
            Log.HttpTimedOut(scope.Logger, limit.TotalMilliseconds);
            throw new GraphQLTimeoutException(
                limit,
                $"The {what} ran past the HttpClient's own timeout of "
                    + $"{limit.TotalSeconds:0.###} s.",
                ex);
        }
        catch (OperationCanceledException ex) when (scope.IsDisposed)
        {
            // Disposing the client cancels what its HttpClient has in flight; nobody cancelled.
            throw new ObjectDisposedException(
                "The GraphQLClient was disposed while the request was in flight.",
                ex);
        }
        finally
        {
            link.Dispose();
            timeoutSource?.Dispose();
        }
    }
}
