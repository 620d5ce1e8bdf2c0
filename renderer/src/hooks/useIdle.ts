import { useEffect, useEffectEvent } from 'react';

// Capture phase on the document sees every touch, even ones a component stops from propagating.
const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

/** Calls onIdle once after `ms` without any touch, key or wheel input; any input restarts the wait. */
export function useIdle(ms: number, onIdle: () => void): void {
  const fire = useEffectEvent(onIdle);

  useEffect(() => {
    let timer = setTimeout(fire, ms);
    const restart = (): void => {
      clearTimeout(timer);
      timer = setTimeout(fire, ms);
    };
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, restart, { capture: true });
    };
  }, [ms]);
}
