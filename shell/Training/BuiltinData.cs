namespace Functional.Shell.Training;

/// <summary>
/// The small public data sets shipped with the tool (the repository's data/ folder, copied next to the shell's assembly
/// at build and into the tool package), addressed as <c>builtin:NAME</c> in a config.
/// </summary>
public static class BuiltinData
{
    /// <summary>The names: breast_cancer (binary), iris, wine, digits (classes), diabetes (regression).</summary>
    public static IReadOnlyList<string> Names { get; } = ["breast_cancer", "iris", "wine", "digits", "diabetes"];

    /// <summary>The file of a built-in data set: data/NAME.csv beside the assembly, else in a data/ folder above it (a
    /// build tree whose copy is missing).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ShellInputException">The name is unknown, or the file is not installed.</exception>
    public static string PathOf(string name)
    {
        if (!Names.Contains(name))
        {
            throw new ShellInputException($"builtin:{name} is not a built-in data set; they are {string.Join(", ", Names.Select(n => "builtin:" + n))}.");
        }

        var file = name + ".csv";
        var beside = Path.Combine(AppContext.BaseDirectory, "data", file);
        if (File.Exists(beside))
        {
            return beside;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "data", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ShellInputException($"builtin:{name}: {beside} is missing; reinstall the tool or give data.path.");
    }
}
