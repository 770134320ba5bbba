namespace GanWorkbench;

/// <summary>"Did you mean" suggestions for misspelt names (fields, experiments, models, datasets).</summary>
public static class Spelling
{
    /// <summary>Edit distance with adjacent transpositions (optimal string alignment).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>" (did you mean 'x'?)" when exactly one candidate is close, else "".</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates)
    {
        var close = candidates.Select(c => (c, dist: Distance(given.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(x => x.dist <= Math.Max(1, x.c.Length / 3)).OrderBy(x => x.dist).ToList();
        return close.Count >= 1 && (close.Count == 1 || close[0].dist < close[1].dist) ? $" (did you mean '{close[0].c}'?)" : "";
    }
}
