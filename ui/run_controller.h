// RunController: the live run of the editor's document, inside the frame loop.
// It owns the Simulation built from the document and advances it a bounded
// amount per frame; it never draws (the run view's panels read from it).
//
//   RunController run;
//   run.follow(editor.document());       // each frame: rebuilds when the semantics changed
//   run.update(dt_seconds);              // advances by dt × speed, within the budget
//   run.play(); run.set_speed(10);       // 0.1× .. 1000×, or set_max_speed(true); a new
//                                        // document starts at its settings.speed (1× if none)
//   run.fault("az_down", "use1-az2", 0, true);   // live fault, recorded in the fault timeline
//   run.seek(from_seconds(30));          // scrub: back = rebuild and fast-forward
//
// Replay: a run is a pure function of (document, seed, fault timeline). Live
// faults are kept as (time, command) in the timeline; replaying advances to
// each fault's time, applies it, and goes on, so a rebuilt run passes through
// exactly the same states. Faults after the moment a new one is added are
// dropped (a new branch of history). Checkpoints (Simulation::checkpoint) are
// taken every kCheckpointEvents handled events within kCheckpointBytes of
// memory (thinned out to every other one when full), so scrubbing back rewinds
// to the nearest earlier checkpoint and replays only from there; without one
// it rebuilds and replays from 0 s. Long seeks are spread over frames with a
// progress bar.
//
// Frame budget: at most Budget::events events and Budget::ms milliseconds per
// frame; a frame's wall time counts at most kMaxFrameDt (a tab coming back from
// the background does not try to catch up minutes at once, as emulators clamp).
// When the budget stops the run short of the chosen speed, behind() says so.
#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/doc/share_link.h"
#include "core/engine/build.h"
#include "core/engine/goals.h"
#include "ui/keep_up.h"

namespace cp::ui {

class RunController {
public:
  static constexpr double kMinSpeed = doc::kMinRunSpeed, kMaxSpeed = doc::kMaxRunSpeed;
  static constexpr double kMaxFrameDt = 0.25;  // seconds of wall time one frame may simulate at most
  struct Budget {
    uint64_t events = 400000;  // per frame
    double ms = 6;             // per frame, while playing
    double seek_ms = 25;       // per frame, while fast-forwarding to a scrub target
  };
  // A live fault: begin (kill, AZ down, latency on, ...) or end (revive, AZ up, latency off).
  struct Fault {
    sim::SimTime at = 0;
    std::string action;  // doc::fault_actions(): kill_node | az_down | region_down | add_latency | error_rate
    std::string target;  // node id, AZ ID, Region code or connection id
    double value = 0;    // ms for add_latency, 0..1 for error_rate
    bool begin = true;
  };

  // ---- the document ----
  // Call every frame (cheap when `revision` did not change). A change of the
  // document's semantics (not its layout) rebuilds the run and brings it back to
  // the same simulated moment; build errors are kept in errors().
  void follow(const doc::Document& d, uint64_t revision);
  const std::vector<doc::Issue>& errors() const { return errors_; }
  bool ready() const { return built_.ok(); }
  const engine::Built& built() const { return built_; }
  const sim::Simulation* sim() const { return built_.sim.get(); }
  uint64_t generation() const { return generation_; }  // +1 per rebuild (panels drop caches)
  // +1 when the run would go differently (the document, the seed, a live fault): a seek or a
  // reset replays the same history, so what a panel learned of a later moment stays true.
  uint64_t history() const { return history_; }

  // ---- running ----
  void update(double dt_s);
  void play();
  void pause();
  void toggle() { playing_ ? pause() : play(); }
  void step();                        // to the next whole simulated second, paused
  void reset();                       // back to 0 s, paused (faults recorded so far are kept)
  void clear_faults();                // forget the live faults
  void set_speed(double x);           // clamped to [kMinSpeed, kMaxSpeed]
  void set_max_speed(bool on) { max_speed_ = on; }
  void set_seed(uint64_t seed);       // restarts the run
  void seek(sim::SimTime t);          // scrub to t (0 .. duration)
  bool fault(const std::string& action, const std::string& target, double value, bool begin);

  bool playing() const { return playing_; }
  bool finished() const { return sim() && now() >= duration(); }
  double speed() const { return speed_; }
  bool max_speed() const { return max_speed_; }
  uint64_t seed() const { return seed_; }
  sim::SimTime now() const { return sim() ? sim()->now() : 0; }
  sim::SimTime duration() const { return built_.duration > 0 ? built_.duration : sim::kHour; }
  bool seeking() const { return seek_target_.has_value(); }
  double seek_progress() const;
  sim::SimTime seek_target() const { return seek_target_.value_or(now()); }
  bool behind() const { return behind_score_ > 0.3; }   // cannot keep up with the chosen speed
  double achieved_speed() const { return achieved_speed_; }  // simulated s per wall s of real time (smoothed)
  double frame_s() const { return frame_s_; }                // wall time between frames (smoothed)
  // Why the run is behind, what it reaches and a speed it can keep (for the toolbar's notice).
  KeepUpAdvice keep_up() const;
  double last_step_ms() const { return last_step_ms_; }
  uint64_t last_step_events() const { return last_step_events_; }
  double replay_events_per_s() const { return replay_eps_; }  // measured while seeking
  size_t checkpoint_count() const { return checkpoints_.size(); }
  // The checkpoint the last scrub back started from, or -1 if it rebuilt from 0 s.
  sim::SimTime last_rewind_from() const { return last_rewind_from_; }
  void set_checkpoint_every(uint64_t events) { checkpoint_every_ = std::max<uint64_t>(1000, events); }
  size_t checkpoint_bytes() const;
  const std::vector<Fault>& faults() const { return faults_; }
  // The document's goals at this moment of the run (empty when it has none): open windows
  // with their value so far, closed ones with their verdict (core/engine/goals.h).
  bool has_goals() const { return goals_ && !goals_->empty(); }
  std::vector<engine::GoalResult> goal_results() const;
  Budget& budget() { return budget_; }
  bool started() const { return started_; }  // play was pressed at least once since the last reset

  // ---- share links ----
  doc::RunSettings run_settings() const;
  void apply_run_settings(const doc::RunSettings& r);  // seed, speed, faults, moment, playing

  static constexpr uint64_t kCheckpointEvents = 2'000'000;  // ~0.5 s of replay in the browser
  static constexpr size_t kCheckpointBytes = 96u << 20;

private:
  struct Saved {
    std::unique_ptr<sim::Checkpoint> state;
    size_t next_fault = 0;  // faults_[0 .. next_fault) had been applied
    std::optional<engine::GoalTracker> goals;  // the goals' measurements at that moment
  };
  void rebuild(bool same_history = false);
  void start_at_named_speed();  // the document's settings.speed (1× when it names none)
  void maybe_checkpoint();
  // Back to the latest checkpoint at or before t; false if there is none usable.
  bool rewind_before(sim::SimTime t);
  // Advances toward `until`, applying timeline faults on the way; false if the budget ran out first.
  bool advance_to(sim::SimTime until, double ms_budget, uint64_t event_budget);
  std::optional<sim::Command> command_of(const Fault& f) const;
  KeepUpAdvice fresh_keep_up() const;  // from this frame's measurements, before the offer is held

  doc::Document doc_;              // semantics only (layout cleared)
  uint64_t revision_ = 0;
  bool have_doc_ = false;
  std::optional<double> named_speed_;  // the document's settings.speed
  engine::Built built_;
  std::optional<engine::GoalTracker> goals_;  // measured as the run advances (stops at each window's edges)
  std::vector<doc::Issue> errors_;
  uint64_t generation_ = 0;
  uint64_t history_ = 0;
  uint64_t seed_ = 1;
  bool seed_from_user_ = false;
  std::vector<Fault> faults_;      // by time; faults_[0 .. next_fault_) were applied to the current sim
  size_t next_fault_ = 0;
  bool playing_ = false;
  bool started_ = false;
  double speed_ = 1;
  bool max_speed_ = false;
  std::optional<sim::SimTime> seek_target_;
  sim::SimTime seek_from_ = 0;
  bool resume_after_seek_ = false;
  double behind_score_ = 0;
  double budget_score_ = 0;        // the share of recent frames the time budget stopped short
  double frame_s_ = 0;
  double achieved_speed_ = 0;
  double held_offer_ = 0;          // the keep-up notice's offered speed, held steady (hold_offer)
  double last_step_ms_ = 0;
  uint64_t last_step_events_ = 0;
  double replay_eps_ = 0;
  Budget budget_;
  std::vector<Saved> checkpoints_;  // by time
  uint64_t checkpoint_every_ = kCheckpointEvents;
  sim::SimTime last_rewind_from_ = -1;
};

}  // namespace cp::ui
