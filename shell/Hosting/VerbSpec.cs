using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Functional.Shell.Hosting;

/// <summary>What <see cref="VerbHost"/> needs to know about a verb.</summary>
/// <param name="Name">The verb as typed (<c>divergence</c>); error lines start with <c>functional {Name}:</c>.</param>
/// <param name="DefaultLogLevel">The minimum log level unless <c>Logging:LogLevel:Default</c> says otherwise.</param>
/// <param name="Register">
/// Registers the verb's options (bound from configuration and validated on start) and its <see cref="IVerbJob"/>.
/// Each verb registers its own concrete types so the configuration-binding source generator handles them.
/// </param>
internal sealed record VerbSpec(string Name, LogLevel DefaultLogLevel, Action<HostApplicationBuilder> Register);
