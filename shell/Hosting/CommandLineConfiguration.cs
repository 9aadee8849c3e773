using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Functional.Shell.Hosting;

/// <summary>
/// Turns options the user actually typed into configuration keys, so they override appsettings.json and
/// environment variables while options left out keep those values.
/// </summary>
internal static class CommandLineConfiguration
{
    public static void Put<T>(IDictionary<string, string?> values, ParseResult parseResult, Option<T> option, string section, string key)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetResult(option) is { Implicit: false })
        {
            values[ConfigurationPath.Combine(section, key)] = parseResult.GetValue(option) switch
            {
                null => null,
                bool flag => flag ? "true" : "false",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };
        }
    }
}
