using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Functional.Shell;
using Functional.Shell.Verbs.Batch;

namespace Functional.Tests.Batch;

/// <summary>
/// A stand-in for training with the same contract: config <c>{"lr": η, "seed": s, "epochs": n}</c>; the state is one
/// number w, w₀ = s/10, w_{k+1} = w_k − η(w_k − 1) + 10⁻³·sin(k + s) (so every epoch depends on the last, and a resume from
/// a checkpoint must restore w exactly); training loss (w − 1)², validation loss (w − 1)² + 10⁻³ s. It counts the epochs
/// it computes per run and calls <see cref="OnEpoch"/> after each (tests cancel or throw there).
/// </summary>
internal sealed class FakeTrainer : IRunTrainer
{
    public ConcurrentDictionary<string, int> Computed { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Config, int? ResumedAt)> Starts { get; } = new();

    public Action<JsonObject, RunEpoch>? OnEpoch { get; set; }

    public IPreparedRun Prepare(JsonObject config, string source)
    {
        foreach (var (key, _) in config)
        {
            if (key is not ("lr" or "seed" or "epochs"))
            {
                throw new ShellInputException($"{source}: {key}: unknown key.");
            }
        }

        var lr = config["lr"]?.GetValue<double>() ?? 0.1;
        if (!(lr > 0))
        {
            throw new ShellInputException(string.Create(CultureInfo.InvariantCulture, $"{source}: lr = {lr}: must be positive."));
        }

        return new Run(this, config, lr, config["seed"]?.GetValue<int>() ?? 0, config["epochs"]?.GetValue<int>() ?? 4);
    }

    private sealed class Run(FakeTrainer owner, JsonObject config, double lr, int seed, int epochs) : IPreparedRun
    {
        public IEnumerable<RunEpoch> Epochs(string? checkpointJson)
        {
            owner.Starts.Enqueue((config.ToJsonString(), checkpointJson is null ? null : Read(checkpointJson).Epoch));
            return Iterate(checkpointJson);
        }

        public RunEpoch Describe(string checkpointJson)
        {
            var (epoch, w) = Read(checkpointJson);
            return Make(epoch, w);
        }

        private IEnumerable<RunEpoch> Iterate(string? checkpointJson)
        {
            var (epoch, w) = checkpointJson is null ? (0, seed / 10.0) : Read(checkpointJson);
            if (checkpointJson is null)
            {
                yield return Make(0, w);
            }

            while (epoch < epochs)
            {
                w = w - (lr * (w - 1.0)) + (1e-3 * Math.Sin(epoch + seed));
                epoch++;
                owner.Computed.AddOrUpdate(config.ToJsonString(), 1, (_, n) => n + 1);
                var e = Make(epoch, w);
                owner.OnEpoch?.Invoke(config, e);
                yield return e;
            }
        }

        private RunEpoch Make(int epoch, double w)
        {
            var train = (w - 1.0) * (w - 1.0);
            var validation = train + (1e-3 * seed);
            var checkpoint = JsonSerializer.Serialize(new Checkpoint(epoch, w));
            return new RunEpoch(
                epoch, [new("train_loss", train), new("validation_loss", validation), new("w", w)], checkpoint, train, validation,
                1.0 / (1.0 + validation), epoch >= epochs ? "EpochBudget" : null);
        }

        private static (int Epoch, double W) Read(string json)
        {
            var c = JsonSerializer.Deserialize<Checkpoint>(json)!;
            return (c.Epoch, c.W);
        }
    }

    private sealed record Checkpoint(int Epoch, double W);
}
