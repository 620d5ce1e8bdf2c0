import { useEffect, useState } from 'react';

/**
 * The current time, re-rendered on each minute boundary. The delay is recomputed every tick, so
 * the masthead corrects itself within a minute after the clock jumps (boards without a real-time
 * clock boot at a wrong time and then sync).
 */
export function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = (): void => {
      const msToNextMinute = 60_000 - (Date.now() % 60_000);
      timer = setTimeout(() => {
        setNow(new Date());
        schedule();
      }, msToNextMinute + 50);
    };
    schedule();
    return () => clearTimeout(timer);
  }, []);

  return now;
}
