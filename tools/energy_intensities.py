#!/usr/bin/env python3
"""Derives the energy-use intensities the city generator writes to energy.csv (engine/citygen/src/energy.cpp).

Source: City of Seattle, 2016 Building Energy Benchmarking (Seattle Open Data; the copy in
../shared/data/seattle-building-energy-benchmarking, 3,376 buildings). For each generator use (residential,
office, commercial, mixed) and construction era, the median site EUI of compliant buildings of the matching
PrimaryPropertyType, converted from kBtu/ft^2 to kWh/m^2 (x 3.15459); and per use the spread of ln(EUI) between
the quartiles (sigma = ln(p75/p25) / 1.349) that the generator uses for a deterministic per-building factor.
Run: python3 tools/energy_intensities.py [CSV]   (prints the table in the form energy.cpp holds)"""
import collections
import csv
import math
import statistics
import sys

KBTU_PER_FT2_TO_KWH_PER_M2 = 3.15459
USES = {
    'Low-Rise Multifamily': 'residential', 'Mid-Rise Multifamily': 'residential',
    'High-Rise Multifamily': 'residential', 'Large Office': 'office', 'Small- and Mid-Sized Office': 'office',
    'Retail Store': 'commercial', 'Mixed Use Property': 'mixed',
}
ERAS = [(0, 1950), (1950, 1980), (1980, 2000), (2000, 10000)]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else \
        '../shared/data/seattle-building-energy-benchmarking/2016-building-energy-benchmarking.csv'
    by_era = collections.defaultdict(list)
    by_use = collections.defaultdict(list)
    for r in csv.DictReader(open(path, newline='', encoding='utf-8')):
        use = USES.get(r['PrimaryPropertyType'])
        if not use or r['ComplianceStatus'] != 'Compliant':
            continue
        try:
            eui = float(r['SiteEUI(kBtu/sf)']) * KBTU_PER_FT2_TO_KWH_PER_M2
            year = int(r['YearBuilt'])
        except ValueError:
            continue
        if eui <= 0:
            continue
        era = next(i for i, (lo, hi) in enumerate(ERAS) if lo <= year < hi)
        by_era[(use, era)].append(eui)
        by_use[use].append(eui)
    for use in ['residential', 'office', 'commercial', 'mixed']:
        q = statistics.quantiles(by_use[use], n=4)
        sigma = math.log(q[2] / q[0]) / 1.349
        medians = ', '.join('%.1f' % statistics.median(by_era[(use, e)]) for e in range(len(ERAS)))
        counts = '/'.join(str(len(by_era[(use, e)])) for e in range(len(ERAS)))
        print('  {"%s", {%s}, %.3f},  // buildings per era: %s' % (use, medians, sigma, counts))


if __name__ == '__main__':
    main()
