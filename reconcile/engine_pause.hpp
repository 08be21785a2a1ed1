#pragma once
// DriftReaction::pause through the engine: a PauseCommand on the bot's stream, so new
// entries are refused while closing stays possible. The outcome is only logged: a pause
// that cannot be recorded (the engine stopping) leaves the drift recorded all the same.
#include "actors/engine.hpp"
#include "reconcile/reconciler.hpp"

namespace tvbot::reconcile {

// The engine must outlive the reconcilers that use the result.
[[nodiscard]] PauseBot pause_through(actors::Engine& engine);

}  // namespace tvbot::reconcile
