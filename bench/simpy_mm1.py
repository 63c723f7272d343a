# The same M/M/1 in SimPy (Debian's python3-simpy 2.3.1, old SimPy.Simulation API),
# for a speed comparison. Prints events per second (two events per customer).
import random, sys, time
from SimPy.Simulation import Process, Resource, initialize, activate, simulate, hold, request, release, now

LAMBDA, MU = 0.8, 1.0
customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200000

class Customer(Process):
    def visit(self, server):
        yield request, self, server
        yield hold, self, random.expovariate(MU)
        yield release, self, server

class Source(Process):
    def generate(self, n, server):
        for _ in range(n):
            c = Customer()
            activate(c, c.visit(server))
            yield hold, self, random.expovariate(LAMBDA)

random.seed(1)
initialize()
server = Resource(capacity=1)
s = Source()
activate(s, s.generate(customers, server))
t0 = time.perf_counter()
simulate(until=1e12)
dt = time.perf_counter() - t0
events = 2 * customers
print(f"simpy   M/M/1 (SimPy 2.3.1, {customers} customers)  {events / dt:12.0f} events/s  ({events} events in {dt:.2f} s)")
