using System.Text.Json;
using System.Text.Json.Serialization;
using Functional.Training;

namespace Functional.Shell.Training;

/// <summary>
/// Checkpoints: an <see cref="EpochState"/> as JSON with the hash of the config it belongs to. Doubles are written in their
/// shortest round-trip form (NaN and ±∞ as the strings "NaN", "Infinity", "-Infinity"), so reading gives back the same bits
/// and <see cref="Trainer.Epochs"/> continues exactly as the uninterrupted run.
/// </summary>
public static class Checkpoint
{
    /// <summary>The format tag written into every checkpoint.</summary>
    public const string Format = "functional-train-checkpoint/1";

    /// <summary>The checkpoint text of a state.</summary>
    /// <param name="state">The state.</param>
    /// <param name="configHash">The <see cref="TrainConfig.Hash"/> of its run.</param>
    /// <returns>Indented JSON.</returns>
    public static string Serialize(EpochState state, string configHash)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(configHash);
        return JsonSerializer.Serialize(new CheckpointFile(Format, configHash, state), CheckpointJsonContext.Default.CheckpointFile);
    }

    /// <summary>Reads a checkpoint and checks that it belongs to the config with <paramref name="configHash"/>.</summary>
    /// <param name="json">The checkpoint text.</param>
    /// <param name="configHash">The hash of the config being resumed.</param>
    /// <param name="source">Where the text came from, for messages (e.g. the file).</param>
    /// <returns>The state.</returns>
    /// <exception cref="ShellInputException">Not a checkpoint (malformed JSON, wrong format tag, missing state), or one of
    /// another config.</exception>
    public static EpochState Deserialize(string json, string configHash, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckpointFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, CheckpointJsonContext.Default.CheckpointFile);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            throw new ShellInputException($"{source}: not a training checkpoint ({ShellInputException.OneLine(e)}).", e);
        }

        if (file is null || file.Format != Format || file.State is null)
        {
            throw new ShellInputException($"{source}: not a training checkpoint (expected format \"{Format}\").");
        }

        return file.ConfigHash == configHash
            ? file.State
            : throw new ShellInputException(
                $"{source}: the checkpoint belongs to another config (hash {Short(file.ConfigHash)}, this config's is {Short(configHash)}); resume with the run's own config.json.");
    }

    private static string Short(string? hash) => hash is null ? "none" : hash[..Math.Min(12, hash.Length)];
}

/// <summary>The checkpoint file: format tag, config hash, state.</summary>
/// <param name="Format">Always <see cref="Checkpoint.Format"/>.</param>
/// <param name="ConfigHash">The run's <see cref="TrainConfig.Hash"/>.</param>
/// <param name="State">The epoch state.</param>
internal sealed record CheckpointFile(string Format, string ConfigHash, EpochState State);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckpointFile))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
