import sys, re
import importlib.util
spec = importlib.util.spec_from_file_location('bt', __import__('os').path.join(__import__('os').path.dirname(__file__), '../../../scripts/bench-table.py'))
bt = importlib.util.module_from_spec(spec); spec.loader.exec_module(bt)
c, _, _ = bt.parse_log(sys.argv[1]); r, _, _ = bt.parse_log(sys.argv[2])
for (case, n, impl), row in sorted(c.items(), key=lambda k: (bt.ORDER.index(k[0][0]), k[0][1])):
    rr = r.get((case, n, 'rust'))
    if rr: print(f"{case:12} {n:6} C {row['zap_min']/n:9.3f} R {rr['zap_min']/n:9.3f} d {(rr['zap_min']-row['zap_min'])/n:+.3f}")
