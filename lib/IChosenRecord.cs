namespace GanWorkbench;

/// <summary>A record whose concrete type a configuration key chooses — a model family's options by
/// <c>model.name</c>, a reproduction's protocol by <c>protocol.kind</c>: <see cref="ChoiceName"/> is that key's value.</summary>
public interface IChosenRecord
{
    /// <summary>The value of the choosing key for this record's type.</summary>
    string ChoiceName { get; }
}
