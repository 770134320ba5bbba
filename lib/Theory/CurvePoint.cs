namespace GanWorkbench.Theory;

/// <summary>One point of a curve (x, y), the unit theory results are charted in.</summary>
/// <param name="X">Abscissa.</param>
/// <param name="Y">Ordinate.</param>
public sealed record CurvePoint(double X, double Y);
