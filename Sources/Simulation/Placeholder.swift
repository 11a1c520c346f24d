// The Simulation target: see AdvectionSolver.swift and friends.
