using System.Globalization;
using Functional.Models.Data;

namespace Functional.Tests.Models;

/// <summary>Reads the repository's data/*.csv (header row, target in the last column) for the reference tests.</summary>
internal static class DataFiles
{
    internal static Dataset Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Root(), "data", name + ".csv"));
        var rows = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var columns = rows[0].Length - 1;
        return new Dataset(rows.SelectMany(r => r.Take(columns)).ToArray(), columns, rows.Select(r => r[columns]).ToArray());
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functional.sln not found above " + AppContext.BaseDirectory);
    }
}
