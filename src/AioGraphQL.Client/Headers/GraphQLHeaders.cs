using System.Collections;

namespace AioGraphQL.Client;

/// <summary>
/// One layer of user headers: client defaults, a request's own headers, or one call's headers.
/// Names compare case-insensitively; a later layer wins, and a <see langword="null"/> value
/// removes a header that an earlier layer supplied.
/// </summary>
/// <remarks>
/// Write it the way a dictionary is written:
/// <c>new GraphQLHeaders { ["Authorization"] = "Bearer …" }</c>, or pass a
/// <see cref="Dictionary{TKey, TValue}"/> where a <see cref="GraphQLHeaders"/> is expected.
/// Values are checked when they are set, so a value with CR or LF never reaches the wire.
/// </remarks>
public sealed class GraphQLHeaders : IEnumerable<KeyValuePair<string, string?>>
{
    private readonly Dictionary<string, KeyValuePair<string, string?>> _entries;

    private bool _isReadOnly;

    /// <summary>Creates an empty layer.</summary>
    public GraphQLHeaders()
    {
        _entries = new Dictionary<string, KeyValuePair<string, string?>>(
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Creates a layer holding a copy of <paramref name="headers"/>.</summary>
    /// <param name="headers">Names and values; a <see langword="null"/> value removes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="ArgumentException">A name or value is not valid in a header.</exception>
    public GraphQLHeaders(IEnumerable<KeyValuePair<string, string?>> headers)
        : this()
    {
        ArgumentNullException.ThrowIfNull(headers);

        foreach (var (name, value) in headers)
        {
            this[name] = value;
        }
    }

    /// <summary>The number of names this layer sets or removes.</summary>
    public int Count => _entries.Count;

    /// <summary>Whether this layer is a frozen copy that can no longer change.</summary>
    public bool IsReadOnly => _isReadOnly;

    /// <summary>
    /// The value this layer gives <paramref name="name"/>: <see langword="null"/> when it does
    /// not set it or removes it. Setting <see langword="null"/> removes an inherited header.
    /// </summary>
    /// <param name="name">The header name, compared case-insensitively.</param>
    /// <exception cref="ArgumentException">The name or value is not valid in a header.</exception>
    /// <exception cref="InvalidOperationException">The layer is read-only.</exception>
    public string? this[string name]
    {
        get => _entries.TryGetValue(name, out var entry) ? entry.Value : null;
        set
        {
            HeaderValidation.ThrowIfInvalid(name, value);
            ThrowIfReadOnly();

            // Replace the key too, so the spelling of the latest write is the one sent.
            _entries.Remove(name);
            _entries[name] = new KeyValuePair<string, string?>(name, value);
        }
    }

    /// <summary>
    /// Sets a header; lets collection initializers read <c>{ "Name", "value" }</c>.
    /// </summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The value, or <see langword="null"/> to remove an inherited one.</param>
    /// <exception cref="ArgumentException">The name or value is not valid in a header.</exception>
    /// <exception cref="InvalidOperationException">The layer is read-only.</exception>
    public void Add(string name, string? value) => this[name] = value;

    /// <summary>Marks <paramref name="name"/> as removed, hiding it from earlier layers.</summary>
    /// <param name="name">The header name.</param>
    /// <exception cref="InvalidOperationException">The layer is read-only.</exception>
    public void Remove(string name) => this[name] = null;

    /// <summary>Whether this layer sets or removes <paramref name="name"/>.</summary>
    /// <param name="name">The header name, compared case-insensitively.</param>
    /// <returns><see langword="true"/> when the layer mentions the name.</returns>
    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Copies a dictionary into a new layer.</summary>
    /// <param name="headers">The names and values.</param>
    public static implicit operator GraphQLHeaders(Dictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);

        var layer = new GraphQLHeaders();
        foreach (var (name, value) in headers)
        {
            layer[name] = value;
        }

        return layer;
    }

    /// <summary>Returns a read-only copy, or this layer when it is already read-only.</summary>
    /// <returns>A layer that can no longer change.</returns>
    public GraphQLHeaders ToReadOnly()
    {
        if (_isReadOnly)
        {
            return this;
        }

        var copy = new GraphQLHeaders();
        foreach (var (key, entry) in _entries)
        {
            copy._entries[key] = entry;
        }

        copy._isReadOnly = true;
        return copy;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() =>
        _entries.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void ThrowIfReadOnly()
    {
        if (_isReadOnly)
        {
            throw new InvalidOperationException(
                "These headers belong to a request or client and can no longer change.");
        }
    }
}
