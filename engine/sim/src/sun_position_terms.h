// The tables of NREL's SPA (Reda & Andreas, NREL/TP-560-34302, Tables A4.2 and A4.3): Earth periodic terms
// (VSOP87 truncated, after Meeus) and the nutation terms. Internal to sun_position*.cpp.
#pragma once
#include <span>

namespace ct::sim::spa {

// One term A·cos(B + C·JME) of a heliocentric series (A in 1e-8 rad or AU, B in rad, C in rad per millennium).
struct PeriodicTerm {
  double a, b, c;
};
// L0..L5, B0..B1, R0..R4: the value is (Σ_i S_i·JME^i) / 1e8.
std::span<const std::span<const PeriodicTerm>> longitudeSeries();
std::span<const std::span<const PeriodicTerm>> latitudeSeries();
std::span<const std::span<const PeriodicTerm>> radiusSeries();

// Nutation: argument Σ_j y[j]·X_j; Δψ += (a + b·JCE)·sin(arg), Δε += (c + d·JCE)·cos(arg), in 0.0001″.
struct NutationTerm {
  int y[5];
  double a, b, c, d;
};
std::span<const NutationTerm> nutationTerms();

}  // namespace ct::sim::spa
