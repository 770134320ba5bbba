using System.Diagnostics;

namespace GanWorkbench.Tests.Experiments;

/// <summary>Headless Debian Chromium with every network path closed (`make apt` installs it).</summary>
public static class Chromium
{
    const string Binary = "/usr/bin/chromium";

    static string[] Flags(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", $"--user-data-dir={profile}",
        // No network at all: every host name fails to resolve and every connection goes to a dead proxy.
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", "--virtual-time-budget=15000",
    ];

    /// <summary>The DOM after the page's scripts ran.</summary>
    public static string DumpDom(string html, string profile) => Run([.. Flags(profile), "--dump-dom", new Uri(html).AbsoluteUri]).Out;

    /// <summary>Takes a screenshot of the page and returns its PNG bytes.</summary>
    public static byte[] Screenshot(string html, string png, string profile, int width = 1400, int height = 2400)
    {
        Run([.. Flags(profile), $"--screenshot={png}", $"--window-size={width},{height}", new Uri(html).AbsoluteUri]);
        return File.ReadAllBytes(png);
    }

    static (string Out, string Err) Run(string[] args)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing; install Debian's chromium with `make apt` (the report tests need it).");
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException("chromium did not finish"); }
        return (stdout.Result, stderr.Result);
    }
}
