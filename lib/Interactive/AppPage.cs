using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanWorkbench.Interactive;

/// <summary>
/// What a notebook exported by <c>./gwb nb export --to app</c> runs against instead of a kernel: <c>display</c>
/// and <c>HTML</c> as in the kernel, each displayed value formatted as the kernel would (the same Formatting
/// registry, so charts, grids and tables look as in the notebook) and written, in order, into one offline HTML page
/// beside the app (<c>NAME.cs</c> → <c>NAME.html</c>, rewritten after every display); and the notebook's
/// parameters from <c>--param NAME=VALUE</c> arguments (<c>dotnet run NAME.cs -- --param BUDGET=quick</c>).
/// </summary>
public static class AppPage
{
    static readonly object Gate = new();
    static readonly List<string> Sections = [];
    static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal);
    static string pagePath = "", title = "";

    /// <summary>Starts the page and reads <paramref name="args"/>; the working directory becomes the notebook's folder
    /// (<paramref name="notebookFolder"/>, relative to the app). Bad arguments end the app with exit code 2.</summary>
    public static void Start(string[] args, string notebookTitle, string notebookFolder, IReadOnlyList<string> parameters,
        [CallerFilePath] string appFile = "")
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Console.Error.WriteLine($"{Path.GetFileName(appFile)}: {(e.ExceptionObject is InputException bad ? bad.Message : e.ExceptionObject)}");
            Environment.Exit(e.ExceptionObject is InputException ? 2 : 1);
        };
        for (int i = 0; i < args.Length; i++)
        {
            string given = args[i] == "--param" && i + 1 < args.Length ? args[++i] : args[i].StartsWith("--param=", StringComparison.Ordinal) ? args[i][8..] : "";
            int eq = given.IndexOf('=');
            if (eq <= 0)
                throw new InputException($"{Path.GetFileName(appFile)}: argument `{args[i]}`: give parameters as --param NAME=VALUE (parameters: {string.Join(", ", parameters)}).");
            string name = given[..eq];
            if (!parameters.Contains(name))
                throw new InputException($"{Path.GetFileName(appFile)}: --param {given}: the notebook has no parameter {name} (it has: {string.Join(", ", parameters)}).");
            Values[name] = given[(eq + 1)..];
        }
        title = notebookTitle;
        pagePath = Path.ChangeExtension(appFile, ".html");
        Directory.SetCurrentDirectory(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(appFile)!, notebookFolder)));
        lock (Gate) { Sections.Clear(); Write(); }
    }

    /// <summary>The value of parameter <paramref name="name"/> from <c>--param</c>, or <paramref name="current"/> when not given.</summary>
    public static T Parameter<T>(string name, T current)
    {
        if (!Values.TryGetValue(name, out var text)) return current;
        var type = typeof(T);
        try
        {
            if (type == typeof(bool) && !(text is "true" or "false")) throw new FormatException();
            return (T)Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new InputException($"--param {name}={text}: {name} is a {type.Name}; give {(type == typeof(bool) ? "true or false" : "a " + type.Name)}.");
        }
    }

    /// <summary>Displays <paramref name="value"/> on the page (formatted for <paramref name="mimeTypes"/>, else its preferred
    /// MIME types); the handle's <see cref="AppDisplay.Update"/> replaces it.</summary>
    public static AppDisplay display(object? value, params string[] mimeTypes)
    {
        lock (Gate)
        {
            Sections.Add(Section(value, mimeTypes));
            Write();
            return new AppDisplay(Sections.Count - 1, mimeTypes);
        }
    }

    /// <summary>Marks a string as HTML, shown without encoding.</summary>
    public static IHtmlContent HTML(string content) => new HtmlString(content);

    internal static void Replace(int index, object? value, string[] mimeTypes)
    {
        lock (Gate)
        {
            Sections[index] = Section(value, mimeTypes);
            Write();
        }
    }

    static string Section(object? value, string[] mimeTypes)
    {
        var types = mimeTypes.Length > 0 ? mimeTypes : Formatter.GetPreferredMimeTypesFor(value?.GetType() ?? typeof(object)).ToArray();
        string mime = types.FirstOrDefault(t => t is "text/html" or "image/png" or "image/svg+xml") ?? types.FirstOrDefault() ?? "text/plain";
        string text = value.ToDisplayString(mime);
        return mime switch
        {
            "text/html" or "image/svg+xml" => $"<section class=\"output\">{text}</section>",
            "image/png" => $"<section class=\"output\"><img alt=\"output image\" src=\"data:image/png;base64,{text}\"></section>",
            _ => $"<section class=\"output\"><pre>{WebUtility.HtmlEncode(text)}</pre></section>",
        };
    }

    static void Write()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(WebUtility.HtmlEncode(title))
            .Append("</title>\n<style>body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; } section.output { margin: 1rem 0; overflow-x: auto; }</style>\n</head>\n<body>\n<h1>")
            .Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        foreach (var section in Sections) page.Append(section).Append('\n');
        page.Append("</body>\n</html>\n");
        AtomicFile.Write(pagePath, temp => File.WriteAllText(temp, page.ToString(), new UTF8Encoding(false)));
    }
}

/// <summary>A value on the page of an exported notebook; <see cref="Update"/> shows another value in its place.</summary>
public sealed class AppDisplay
{
    readonly int index;
    readonly string[] mimeTypes;

    internal AppDisplay(int index, string[] mimeTypes) { this.index = index; this.mimeTypes = mimeTypes; }

    /// <summary>Shows <paramref name="updatedValue"/> in place of this display (same MIME types).</summary>
    public void Update(object? updatedValue) => AppPage.Replace(index, updatedValue, mimeTypes);
}
