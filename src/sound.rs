//! A short chime for new handoff requests, made with Web Audio (no sound file to ship).
//! Browsers allow it only after the user has interacted with the page; before that it
//! stays silent, and the visible notice carries the news alone.

pub fn chime() {
    let Ok(ctx) = web_sys::AudioContext::new() else {
        return;
    };
    let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else {
        return;
    };
    let now = ctx.current_time();
    osc.frequency().set_value(880.0);
    gain.gain().set_value(0.08);
    let _ = osc.connect_with_audio_node(&gain).and_then(|_| gain.connect_with_audio_node(&ctx.destination()));
    let _ = osc.start();
    let _ = osc.stop_with_when(now + 0.18);
}
