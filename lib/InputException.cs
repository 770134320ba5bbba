namespace GanWorkbench;

/// <summary>
/// Bad input from the user: a config, a dataset file, a checkpoint, a notebook, a command-line
/// argument. The message names the file (and line/field where known), what is wrong, and how to
/// fix it. The CLI turns it into exit code 2; nothing is half-written when it is thrown.
/// </summary>
public class InputException : Exception
{
    /// <summary>Creates the error; <paramref name="message"/> must say what, where, and the fix.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates the error with the exception that revealed it.</summary>
    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates an error without a message (prefer the other constructors).</summary>
    public InputException() : base("bad input") { }
}
