/// Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, Algorithms 7.4,
/// 3.5 and 3.6), for full-batch problems such as PINN fine-tuning.
public struct LBFGS: Sendable {
    /// Number of (s, y) pairs kept.
    public var historySize = 10
    public var maxIterations = 1000
    /// Stop when ‖∇f‖∞ falls below this.
    public var gradientTolerance = 1e-12
    /// Stop when a step changes f by less than this (relative).
    public var functionTolerance = 1e-20
    /// Sufficient decrease (c₁) and curvature (c₂) constants of the Wolfe conditions.
    public var c1 = 1e-4
    public var c2 = 0.9
    public var maxLineSearchEvaluations = 25

    public init() {}

    public struct Result: Sendable {
        public var point: [Double]
        public var value: Double
        public var gradientNorm: Double
        public var iterations: Int
        public var evaluations: Int
        public var converged: Bool
    }

    /// Minimises `objective`, which returns f(x) and ∇f(x).
    public func minimize(from start: [Double], _ objective: ([Double]) -> (Double, [Double])) -> Result {
        var x = start
        var (value, grad) = objective(x)
        var evaluations = 1
        var pairs: [(s: [Double], y: [Double], rho: Double)] = []
        var iteration = 0
        while iteration < maxIterations {
            if grad.map(Swift.abs).max() ?? 0 <= gradientTolerance { break }
            var direction = searchDirection(grad, pairs)
            var slope = dot(grad, direction)
            if !(slope < 0) {  // not a descent direction: restart from steepest descent
                pairs.removeAll()
                direction = grad.map { -$0 }
                slope = dot(grad, direction)
            }
            let initialStep = iteration == 0 ? Swift.min(1, 1 / grad.map(Swift.abs).reduce(0, +)) : 1
            let search = lineSearch(x, value, grad, direction, slope, initialStep, objective)
            evaluations += search.evaluations
            guard let step = search.step else { break }
            let newX = zip(x, direction).map { $0 + step * $1 }
            let s = zip(newX, x).map { $0 - $1 }
            let y = zip(search.gradient, grad).map { $0 - $1 }
            let sy = dot(s, y)
            if sy > 1e-10 * dot(y, y).squareRoot() * dot(s, s).squareRoot() {
                pairs.append((s, y, 1 / sy))
                if pairs.count > historySize { pairs.removeFirst() }
            }
            let change = Swift.abs(value - search.value)
            (x, value, grad) = (newX, search.value, search.gradient)
            iteration += 1
            if change <= functionTolerance * Swift.max(1, Swift.abs(value)) { break }
        }
        let norm = grad.map(Swift.abs).max() ?? 0
        return Result(point: x, value: value, gradientNorm: norm, iterations: iteration, evaluations: evaluations,
                      converged: norm <= gradientTolerance || iteration < maxIterations)
    }

    /// The two-loop recursion: −H∇f with H₀ = (sᵀy / yᵀy) I.
    private func searchDirection(_ grad: [Double], _ pairs: [(s: [Double], y: [Double], rho: Double)]) -> [Double] {
        var q = grad
        var alphas = [Double](repeating: 0, count: pairs.count)
        for index in pairs.indices.reversed() {
            alphas[index] = pairs[index].rho * dot(pairs[index].s, q)
            for i in q.indices { q[i] -= alphas[index] * pairs[index].y[i] }
        }
        if let last = pairs.last {
            let gamma = dot(last.s, last.y) / dot(last.y, last.y)
            for i in q.indices { q[i] *= gamma }
        }
        for index in pairs.indices {
            let beta = pairs[index].rho * dot(pairs[index].y, q)
            for i in q.indices { q[i] += (alphas[index] - beta) * pairs[index].s[i] }
        }
        return q.map { -$0 }
    }

    private struct Trial { var step: Double; var value: Double; var slope: Double; var gradient: [Double] }

    /// Strong-Wolfe line search: bracket, then zoom with safeguarded cubic interpolation.
    private func lineSearch(_ x: [Double], _ value0: Double, _ grad0: [Double], _ direction: [Double], _ slope0: Double,
                            _ initialStep: Double, _ objective: ([Double]) -> (Double, [Double]))
        -> (step: Double?, value: Double, gradient: [Double], evaluations: Int) {
        var evaluations = 0
        func evaluate(_ step: Double) -> Trial {
            evaluations += 1
            let (v, g) = objective(zip(x, direction).map { $0 + step * $1 })
            return Trial(step: step, value: v, slope: dot(g, direction), gradient: g)
        }
        func accepts(_ trial: Trial) -> Bool { Swift.abs(trial.slope) <= -c2 * slope0 }
        func decreases(_ trial: Trial) -> Bool { trial.value <= value0 + c1 * trial.step * slope0 }

        func zoom(_ low: Trial, _ high: Trial) -> Trial? {
            var (low, high) = (low, high)
            while evaluations < maxLineSearchEvaluations {
                let trial = evaluate(cubicMinimum(low, high))
                if !decreases(trial) || trial.value >= low.value {
                    high = trial
                } else {
                    if accepts(trial) { return trial }
                    if trial.slope * (high.step - low.step) >= 0 { high = low }
                    low = trial
                }
                if Swift.abs(high.step - low.step) < 1e-16 { return decreases(low) && low.step > 0 ? low : nil }
            }
            return decreases(low) && low.step > 0 ? low : nil
        }

        var previous = Trial(step: 0, value: value0, slope: slope0, gradient: grad0)
        var step = initialStep
        var found: Trial?
        while evaluations < maxLineSearchEvaluations {
            let trial = evaluate(step)
            if !trial.value.isFinite {
                step = (previous.step + step) / 2
                continue
            }
            if !decreases(trial) || (evaluations > 1 && trial.value >= previous.value) {
                found = zoom(previous, trial)
                break
            }
            if accepts(trial) { found = trial; break }
            if trial.slope >= 0 { found = zoom(trial, previous); break }
            previous = trial
            step *= 2
        }
        guard let result = found else { return (nil, value0, grad0, evaluations) }
        return (result.step, result.value, result.gradient, evaluations)
    }

    /// The minimiser of the cubic through two trials, kept inside the middle 80 % of the bracket.
    private func cubicMinimum(_ a: Trial, _ b: Trial) -> Double {
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let discriminant = d1 * d1 - a.slope * b.slope
        let (low, high) = (Swift.min(a.step, b.step), Swift.max(a.step, b.step))
        let bisection = (low + high) / 2
        guard discriminant >= 0 else { return bisection }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * discriminant.squareRoot()
        let candidate = b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
        let margin = 0.1 * (high - low)
        guard candidate.isFinite, candidate >= low + margin, candidate <= high - margin else { return bisection }
        return candidate
    }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}
