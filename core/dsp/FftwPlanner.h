#pragma once
// FftwPlanner: the one lock around FFTW's planner. fftw_plan_* and fftw_destroy_plan are not
// thread-safe (fftw_execute on distinct plans is), so every FFTW user in the project (the
// feature engine, the augmenter's convolution) makes and destroys plans holding this mutex.
// Any thread.
#include <mutex>

namespace emo {

/// The process-wide FFTW planner lock.
std::mutex& fftwPlannerMutex();

}  // namespace emo
