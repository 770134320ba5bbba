namespace GanWorkbench.Models;

/// <summary>
/// The registry of model families, by <c>model.name</c>. The workbench's own families are listed here;
/// <see cref="Register"/> adds another (from a notebook, a script or a test) and it is then trainable,
/// validated and documented like the built-in ones.
/// </summary>
public static class ModelFamilies
{
    static readonly object Gate = new();
    static readonly List<ModelFamily> Families =
    [
        new DcganFamily(), new MlpFamily(), new Gan2014Family(), new ToyMlpFamily(), new CdcganFamily(),
        new InfoGanFamily(), new BeganFamily(), new SsganFamily(), new ClusterGanFamily(), new VaeFamily(),
    ];

    /// <summary>Every family, in registration order.</summary>
    public static IReadOnlyList<ModelFamily> All
    {
        get { lock (Gate) return Families.ToList(); }
    }

    /// <summary>Every family's name.</summary>
    public static IReadOnlyList<string> Names => All.Select(f => f.Name).ToList();

    /// <summary>Adds a family (its name must be new); disposing the result removes it again.</summary>
    public static IDisposable Register(ModelFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        lock (Gate)
        {
            if (Families.Any(f => f.Name == family.Name))
                throw new ArgumentException($"a model family named '{family.Name}' is already registered", nameof(family));
            Families.Add(family);
        }
        return new Registration(family);
    }

    sealed class Registration(ModelFamily family) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Families.Remove(family);
        }
    }

    /// <summary>The family of that name, or null.</summary>
    public static ModelFamily? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>The family of that name; an unknown name is an <see cref="InputException"/> listing the known ones.</summary>
    public static ModelFamily Get(string name) =>
        Find(name) ?? throw new InputException($"unknown model '{name}'{Spelling.DidYouMean(name, Names)}; known: {string.Join(", ", Names)}.");

    /// <summary>The family an options record belongs to.</summary>
    public static ModelFamily Of(ModelOptions options) => Get(options.Name);
}
