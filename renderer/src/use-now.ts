import { useEffect, useState } from 'react';

/** The time, refreshed every `intervalMs`: a countdown ("retrying in 5 s") moves without reading the clock during render. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}
