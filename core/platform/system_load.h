#pragma once
// How busy the machine is: the kernel's 1-minute load average (runnable threads, averaged), read
// where the OS gives it. Timings taken while other work runs are slower and noisier than on an
// idle machine, so measured numbers carry the load they were taken at.
namespace bithep::platform {

// 1-minute load average; negative when the system does not report one (only Linux is read).
double loadAverage();

// Hardware threads of this machine, at least 1.
int hardwareThreads();

// True when the load exceeds what `ownThreads` busy threads of this process add (by more than
// half a thread): other programs were competing for the cores. False when the load is unknown.
bool machineBusy(double load, int ownThreads);

}  // namespace bithep::platform
