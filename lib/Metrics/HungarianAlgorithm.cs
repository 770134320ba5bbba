namespace GanWorkbench.Metrics;

/// <summary>
/// The Hungarian method (Kuhn 1955; Munkres 1957) for the assignment problem: given an n × m cost
/// matrix with n ≤ m, choose one distinct column for every row so that the total cost is minimal.
/// This is the O(n²m) shortest-augmenting-path form with row and column potentials (dual
/// variables u, v with u_i + v_j ≤ cost_ij, equality on assigned pairs): rows are added one at a
/// time, each by a Dijkstra-like search for the cheapest augmenting path in reduced costs.
/// Used by <see cref="ClusteringAccuracy"/> to find the best one-to-one cluster → class mapping.
/// </summary>
public static class HungarianAlgorithm
{
    /// <summary>The column assigned to each row (length n, distinct values in 0..m − 1) of a minimum-cost
    /// assignment. More rows than columns: transpose first (every column then gets a row).</summary>
    public static int[] Solve(double[,] cost)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        if (n > m) throw new ArgumentException($"need rows ≤ columns, got {n} × {m}; transpose the matrix", nameof(cost));
        foreach (double c in cost)
            if (!double.IsFinite(c)) throw new ArgumentException("costs must be finite", nameof(cost));

        // 1-based arrays; column 0 is a virtual column that holds the row being inserted.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];        // row assigned to each column (0 = free)
        var previous = new int[m + 1];           // previous column on the shortest path
        for (int row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            int column = 0;
            var minReduced = Enumerable.Repeat(double.PositiveInfinity, m + 1).ToArray();
            var used = new bool[m + 1];
            do
            {
                used[column] = true;
                int i = rowOfColumn[column], next = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double reduced = cost[i - 1, j - 1] - u[i] - v[j];
                    if (reduced < minReduced[j]) { minReduced[j] = reduced; previous[j] = column; }
                    if (minReduced[j] < delta) { delta = minReduced[j]; next = j; }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j]) { u[rowOfColumn[j]] += delta; v[j] -= delta; }
                    else minReduced[j] -= delta;
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            // Augment: flip the assignments along the path back to the virtual column.
            do
            {
                int before = previous[column];
                rowOfColumn[column] = rowOfColumn[before];
                column = before;
            } while (column != 0);
        }
        var assignment = new int[n];
        for (int j = 1; j <= m; j++)
            if (rowOfColumn[j] != 0) assignment[rowOfColumn[j] - 1] = j - 1;
        return assignment;
    }

    /// <summary>Total cost of an assignment.</summary>
    public static double Cost(double[,] cost, IReadOnlyList<int> assignment) =>
        assignment.Select((column, row) => cost[row, column]).Sum();
}
