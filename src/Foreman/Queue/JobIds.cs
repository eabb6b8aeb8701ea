namespace Foreman.Queue;

/// <summary>
/// Makes job ids: ULIDs that are strictly increasing within this process, so ordering by id is creation order even
/// for jobs submitted in the same millisecond (a plain ULID's random part would order those at random).
/// </summary>
public sealed class JobIds(TimeProvider time)
{
    private readonly Lock _gate = new();
    private Ulid _last;

    public string Next()
    {
        lock (_gate)
        {
            var candidate = Ulid.NewUlid(time.GetUtcNow());
            _last = candidate.CompareTo(_last) > 0 ? candidate : Increment(_last);
            return _last.ToString();
        }
    }

    /// <summary>The next ULID after <paramref name="ulid"/>: its 80-bit random part plus one.</summary>
    private static Ulid Increment(Ulid ulid)
    {
        var bytes = ulid.ToByteArray();
        for (var i = bytes.Length - 1; i >= 6 && ++bytes[i] == 0; i--) { }
        return new Ulid(bytes);
    }
}
