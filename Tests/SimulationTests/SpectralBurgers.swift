import Foundation
import TensorCore

/// A pseudo-spectral reference for u_t + (u²/2)_x = κ u_xx on the periodic unit interval:
/// Fourier modes k = 2πm, the viscous term integrated exactly by the factor e^{−κk²t}, the
/// nonlinear term −ik·FFT(u²/2) by classical RK4 on v = e^{κk²t}û (integrating-factor RK4),
/// with 2/3-rule dealiasing. Used only as an oracle in the tests.
struct SpectralBurgers {
    let points: Int
    let diffusivity: Double

    /// Highest retained mode index (2/3 rule).
    var cutoff: Int { points / 3 }

    /// The unnormalised rfft coefficients of `u`, interleaved (re, im), with modes above the
    /// cutoff removed.
    func transform(_ u: [Double]) -> [Double] {
        var hat = Tensor<Double>(shape: [points], scalars: u).rfft().scalars
        for m in (cutoff + 1)...(points / 2) { hat[2 * m] = 0; hat[2 * m + 1] = 0 }
        return hat
    }

    /// −ik·FFT(u²/2), dealiased.
    func nonlinear(_ hat: [Double]) -> [Double] {
        let u = Tensor<Double>(shape: [points / 2 + 1, 2], scalars: hat).irfft(length: points).scalars
        var product = transform(u.map { 0.5 * $0 * $0 })
        for m in 0...cutoff {
            let k = 2 * Double.pi * Double(m)
            let (re, im) = (product[2 * m], product[2 * m + 1])
            product[2 * m] = k * im
            product[2 * m + 1] = -k * re
        }
        return product
    }

    /// Advances the coefficients from 0 to `time` with `steps` IFRK4 steps.
    func evolve(_ initial: [Double], to time: Double, steps: Int) -> [Double] {
        let dt = time / Double(steps)
        let halfFactor = (0...(points / 2)).map { m -> Double in
            let k = 2 * Double.pi * Double(m)
            return exp(-diffusivity * k * k * dt / 2)
        }
        func scaled(_ a: [Double], _ factors: [Double]) -> [Double] {
            (0..<a.count).map { a[$0] * factors[$0 / 2] }
        }
        func combine(_ a: [Double], _ b: [Double], _ weight: Double) -> [Double] {
            (0..<a.count).map { a[$0] + weight * b[$0] }
        }
        let fullFactor = halfFactor.map { $0 * $0 }
        var hat = initial
        for _ in 0..<steps {
            let a = nonlinear(hat).map { $0 * dt }
            let b = nonlinear(scaled(combine(hat, a, 0.5), halfFactor)).map { $0 * dt }
            let c = nonlinear(combine(scaled(hat, halfFactor), b, 0.5)).map { $0 * dt }
            let d = nonlinear(combine(scaled(hat, fullFactor), scaled(c, halfFactor), 1)).map { $0 * dt }
            let middle = scaled(combine(b, c, 1), halfFactor)
            hat = (0..<hat.count).map { i -> Double in
                let factor: Double = fullFactor[i / 2]
                let increment: Double = (factor * a[i] + 2 * middle[i] + d[i]) / 6
                return factor * hat[i] + increment
            }
        }
        return hat
    }

    /// The exact cell averages, on `cells` cells, of the trigonometric polynomial with
    /// coefficients `hat`: mode m is weighted by sin(πmΔx)/(πmΔx).
    func cellAverages(_ hat: [Double], cells: Int) -> [Double] {
        let dx = 1 / Double(cells)
        return (0..<cells).map { i in
            let x = (Double(i) + 0.5) * dx
            var sum = hat[0]
            for m in 1...cutoff {
                let angle = Double.pi * Double(m) * dx
                let phase = 2 * Double.pi * Double(m) * x
                sum += 2 * sin(angle) / angle * (hat[2 * m] * cos(phase) - hat[2 * m + 1] * sin(phase))
            }
            return sum / Double(points)
        }
    }
}
