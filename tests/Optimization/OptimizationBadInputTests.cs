using Functional.Optimization;

namespace Functional.Tests.Optimization;

/// <summary>
/// The bad-input matrix of core/Optimization: every case throws an ArgumentException (or a subclass) whose ParamName is the
/// offending parameter and whose message names the value (and the index, for an element).
/// </summary>
public class OptimizationBadInputTests
{
    private static readonly IDifferentiableObjective Bowl = Objective.From((w, g) =>
    {
        var f = 0.0;
        for (var i = 0; i < w.Length; i++)
        {
            g[i] = w[i];
            f += 0.5 * w[i] * w[i];
        }

        return f;
    });

    private static readonly IDifferentiableObjective NaNGradient = Objective.From((w, g) =>
    {
        g.Fill(double.NaN);
        return 1.0;
    });

    private static void Gd(double rate, double[]? gradient = null, double[]? parameters = null, double[]? updates = null, OptimizerState? state = null)
    {
        var o = Optimizers.GradientDescent();
        parameters ??= [1.0, 2.0, 3.0, 4.0];
        gradient ??= [0.1, 0.2, 0.3, 0.4];
        _ = o.Update(gradient, state ?? o.Init(parameters), parameters, rate, updates ?? new double[parameters.Length]);
    }

    private static readonly Dictionary<string, (Action Act, string Parameter, string Message)> Cases = new()
    {
        // the learning rate and the step inputs
        ["negative learning rate"] = (() => Gd(-0.1), "learningRate", "learningRate = -0.1; it must be finite and non-negative"),
        ["NaN learning rate"] = (() => Gd(double.NaN), "learningRate", "learningRate = NaN"),
        ["infinite learning rate"] = (() => Gd(double.PositiveInfinity), "learningRate", "learningRate = Infinity"),
        ["NaN gradient"] = (() => Gd(0.1, gradient: [0.1, 0.2, 0.3, double.NaN]), "gradient", "gradient[3] = NaN is not finite"),
        ["infinite gradient"] = (() => Gd(0.1, gradient: [double.NegativeInfinity, 0.2, 0.3, 0.4]), "gradient", "gradient[0] = -Infinity is not finite"),
        ["NaN parameter"] = (() => Gd(0.1, parameters: [1.0, double.NaN, 3.0, 4.0]), "parameters", "parameters[1] = NaN is not finite"),
        ["length mismatch"] = (() => Gd(0.1, gradient: [0.1, 0.2, 0.3]), "gradient", "parameters has 4 entries but gradient has 3"),
        ["short updates"] = (() => Gd(0.1, updates: new double[2]), "updates", "updates has 2 entries but needs 4"),
        ["updates overlap the gradient"] = (() =>
        {
            double[] g = [0.1, 0.2];
            _ = Optimizers.GradientDescent().Update(g, Optimizers.GradientDescent().Init(g), [1.0, 2.0], 0.1, g);
        }, "updates", "updates overlaps the gradient or the parameters"),
        ["state of another optimizer"] = (() => Gd(0.1, state: Optimizers.Adam().Init(new double[4])), "state", "state is a 'adam' state for 4 parameters"),
        ["state of another dimension"] = (() => Gd(0.1, state: Optimizers.GradientDescent().Init(new double[3])), "state", "needs a 'gd' state for 4 parameters"),
        ["null state"] = (() => Optimizers.Sgd().Update([1.0], null!, [1.0], 0.1, new double[1]), "state", ""),
        ["SAM without the objective"] = (() =>
        {
            var sam = Optimizers.SharpnessAware(Optimizers.GradientDescent());
            _ = sam.Update([1.0], sam.Init([0.0]), [0.0], 0.1, new double[1]);
        }, "objective", "'sam' re-evaluates the objective"),
        ["steepest descent without the objective"] = (() =>
        {
            var sd = Optimizers.SteepestDescent();
            _ = sd.Update([1.0], sd.Init([0.0]), [0.0], 0.1, new double[1]);
        }, "objective", "'steepest-descent' re-evaluates the objective"),
        ["SAM objective with a NaN gradient"] = (() =>
        {
            var sam = Optimizers.SharpnessAware(Optimizers.GradientDescent());
            _ = sam.Step([0.0, 0.0], [1.0, 0.0], sam.Init([0.0, 0.0]), 0.1, NaNGradient);
        }, "objective", "objective returned gradient[0] = NaN at the SAM-perturbed point"),

        // optimizer hyper-parameters
        ["momentum 1"] = (() => Optimizers.Sgd(momentum: 1.0), "momentum", "momentum = 1; it must lie in [0, 1)"),
        ["negative momentum"] = (() => Optimizers.Sgd(momentum: -0.1), "momentum", "momentum = -0.1"),
        ["NaN momentum"] = (() => Optimizers.Sgd(momentum: double.NaN), "momentum", "momentum = NaN"),
        ["dampening above 1"] = (() => Optimizers.Sgd(momentum: 0.5, dampening: 1.5), "dampening", "dampening = 1.5; it must lie in [0, 1]"),
        ["Nesterov without momentum"] = (() => Optimizers.Sgd(nesterov: true), "nesterov", "Nesterov momentum needs momentum > 0 and dampening = 0"),
        ["Nesterov with dampening"] = (() => Optimizers.Sgd(0.9, 0.1, true), "nesterov", "dampening = 0.1"),
        ["negative weight decay"] = (() => Optimizers.Sgd(weightDecay: -1e-4), "weightDecay", "weightDecay = -0.0001"),
        ["beta1 of 1"] = (() => Optimizers.Adam(beta1: 1.0), "beta1", "beta1 = 1"),
        ["negative beta2"] = (() => Optimizers.AdamW(beta2: -0.5), "beta2", "beta2 = -0.5"),
        ["epsilon 0"] = (() => Optimizers.Adam(epsilon: 0.0), "epsilon", "epsilon = 0; it must be finite and positive"),
        ["clip norm 0"] = (() => Optimizers.ClipByGlobalNorm(0.0), "maxNorm", "maxNorm = 0"),
        ["NaN decay"] = (() => Optimizers.WeightDecay(double.NaN), "decay", "decay = NaN"),
        ["negative L1"] = (() => Optimizers.L1(-1.0), "l1", "l1 = -1"),
        ["infinite L2"] = (() => Optimizers.ElasticNet(0.1, double.PositiveInfinity), "l2", "l2 = Infinity"),
        ["empty chain"] = (() => Optimizers.Chain(), "members", "members is empty; a chain needs at least one optimizer"),
        ["SAM inside a chain"] = (() => Optimizers.Chain(Optimizers.SharpnessAware(Optimizers.GradientDescent())), "members", "members[0] is 'sam'"),
        ["SAM radius 0"] = (() => Optimizers.SharpnessAware(Optimizers.GradientDescent(), 0.0), "radius", "radius = 0"),
        ["SAM around steepest descent"] = (() => Optimizers.SharpnessAware(Optimizers.SteepestDescent()), "inner", "inner is 'steepest-descent'"),

        // L-BFGS and line search
        ["L-BFGS NaN start"] = (() => Lbfgs.Minimize(Bowl, [0.0, double.NaN]), "initial", "initial[1] = NaN is not finite"),
        ["L-BFGS empty start"] = (() => Lbfgs.Minimize(Bowl, []), "initial", "initial is empty"),
        ["L-BFGS memory 0"] = (() => Lbfgs.Minimize(Bowl, [1.0], new LbfgsOptions(Memory: 0)), "options", "options.Memory = 0"),
        ["L-BFGS negative tolerance"] = (() => Lbfgs.Minimize(Bowl, [1.0], new LbfgsOptions(GradientTolerance: -1)), "options.GradientTolerance", "options.GradientTolerance = -1"),
        ["L-BFGS objective NaN at the start"] = (() => Lbfgs.Minimize(Objective.From((w, g) => double.NaN), [1.0]), "objective", "objective is NaN at the initial point"),
        ["L-BFGS NaN gradient at the start"] = (() => Lbfgs.Minimize(NaNGradient, [1.0]), "gradient at the initial point", "gradient at the initial point[0] = NaN"),
        ["line search step 0"] = (() => LineSearch.Exact(Bowl, [1.0], [-1.0], 0.0), "initialStep", "initialStep = 0"),
        ["line search lengths"] = (() => LineSearch.Exact(Bowl, [1.0, 2.0], [-1.0], 1.0), "direction", "w has 2 entries but direction has 1"),

        // schedules
        ["constant rate 0"] = (() => Schedules.Constant(0.0), "rate", "rate = 0; it must be finite and positive"),
        ["negative initial rate"] = (() => Schedules.Exponential(-0.1, 0.9), "initial", "initial = -0.1"),
        ["step size 0"] = (() => Schedules.Step(0.1, 0), "stepSize", "stepSize = 0; it must be at least 1"),
        ["gamma above 1"] = (() => Schedules.Step(0.1, 5, 1.5), "gamma", "gamma = 1.5"),
        ["gamma 0"] = (() => Schedules.Exponential(0.1, 0.0), "gamma", "gamma = 0"),
        ["decreasing milestones"] = (() => Schedules.MultiStep(0.1, [5, 3]), "milestones", "milestones[1] = 3 is not at least milestones[0] = 5"),
        ["milestone 0"] = (() => Schedules.MultiStep(0.1, [0, 3]), "milestones", "milestones[0] = 0"),
        ["negative inverse-time decay"] = (() => Schedules.InverseTime(0.1, -1.0), "decay", "decay = -1"),
        ["polynomial horizon 0"] = (() => Schedules.Polynomial(0.1, 0), "totalSteps", "totalSteps = 0"),
        ["polynomial final above initial"] = (() => Schedules.Polynomial(0.1, 10, 1, 0.2), "final", "final = 0.2; it must lie in [0, 0.1]"),
        ["cosine minimum above initial"] = (() => Schedules.Cosine(0.1, 10, 0.5), "minimum", "minimum = 0.5"),
        ["cosine NaN minimum"] = (() => Schedules.Cosine(0.1, 10, double.NaN), "minimum", "minimum = NaN"),
        ["negative T0"] = (() => Schedules.CosineWarmRestarts(0.1, -3, reachMinimum: false), "period", "period = -3; it must be at least 1"),
        ["T0 of 1 reaching the minimum"] = (() => Schedules.CosineWarmRestarts(0.1, 1), "period", "period = 1; it must be at least 2"),
        ["T_mult 0"] = (() => Schedules.CosineWarmRestarts(0.1, 5, 0), "periodMultiplier", "periodMultiplier = 0"),
        ["linear start factor 0"] = (() => Schedules.Linear(0.1, 0.0, 1.0, 10), "startFactor", "startFactor = 0"),
        ["warm-up of 0 steps"] = (() => Schedules.Warmup(0, Schedules.Constant(0.1)), "steps", "steps = 0"),
        ["warm-up start factor above 1"] = (() => Schedules.Warmup(5, Schedules.Constant(0.1), 2.0), "startFactor", "startFactor = 2"),
        ["join boundaries count"] = (() => Schedules.Join([Schedules.Constant(0.1), Schedules.Constant(0.2)], [3, 5]), "boundaries", "boundaries has 2 entries but 2 schedules need 1"),
        ["join boundaries not increasing"] = (() => Schedules.Join([Schedules.Constant(0.1), Schedules.Constant(0.2), Schedules.Constant(0.3)], [3, 3]), "boundaries", "boundaries[1] = 3 is not greater than boundaries[0] = 3"),
        ["cyclic max below base"] = (() => Schedules.Cyclic(0.1, 0.05, 4), "maxRate", "maxRate = 0.05"),
        ["cyclic steps up 0"] = (() => Schedules.Cyclic(0.01, 0.1, 0), "stepsUp", "stepsUp = 0"),
        ["cyclic undefined mode"] = (() => Schedules.Cyclic(0.01, 0.1, 4, mode: (CyclicMode)7), "mode", "mode = 7 is not a CyclicMode"),
        ["one-cycle percent 1"] = (() => Schedules.OneCycle(0.1, 100, 1.0), "percentStart", "percentStart = 1"),
        ["one-cycle phase too short"] = (() => Schedules.OneCycle(0.1, 10, 0.05), "percentStart", "gives phase 1 the end step -0.5"),
        ["one-cycle one step"] = (() => Schedules.OneCycle(0.1, 1), "totalSteps", "totalSteps = 1"),
        ["negative step"] = (() => Schedules.Constant(0.1).At(-1), "step", "step = -1 is negative"),

        // reduce on plateau
        ["plateau factor 1"] = (() => ReduceOnPlateau.Create(factor: 1.0), "factor", "factor = 1; it must lie in (0, 1)"),
        ["plateau factor above 1"] = (() => ReduceOnPlateau.Create(factor: 2.0), "factor", "factor = 2"),
        ["plateau factor 0"] = (() => ReduceOnPlateau.Create(factor: 0.0), "factor", "factor = 0"),
        ["plateau negative patience"] = (() => ReduceOnPlateau.Create(patience: -1), "patience", "patience = -1 is negative"),
        ["plateau negative cooldown"] = (() => ReduceOnPlateau.Create(cooldown: -2), "cooldown", "cooldown = -2 is negative"),
        ["plateau NaN threshold"] = (() => ReduceOnPlateau.Create(threshold: double.NaN), "threshold", "threshold = NaN"),
        ["plateau negative min rate"] = (() => ReduceOnPlateau.Create(minRate: -1e-3), "minRate", "minRate = -0.001"),
        ["plateau NaN metric"] = (() => ReduceOnPlateau.Create().Update(ReduceOnPlateau.Create().Init(0.1), double.NaN), "metric", "metric is NaN"),
        ["plateau initial rate 0"] = (() => ReduceOnPlateau.Create().Init(0.0), "learningRate", "learningRate = 0"),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_input_is_a_named_error(string name)
    {
        var (act, parameter, message) = Cases[name];
        var error = Assert.ThrowsAny<ArgumentException>(act);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_learning_rate_is_allowed_and_moves_nothing()
    {
        var o = Optimizers.Sgd(momentum: 0.9, weightDecay: 0.1);
        double[] w = [1.0, -2.0];
        var step = o.Step(w, [3.0, 4.0], o.Init(w), 0.0);
        Assert.Equal(w, step.Parameters.ToArray());
    }
}
