import { contrastRatio, HEAT_COLOURS, heatLegend, heatStep, matrixRows, textColourOn } from './heat-scale';

describe('heat scale', () => {
  it('leaves empty cells at step 0 and puts the largest share at the top step', () => {
    expect(heatStep(0, 0.2)).toBe(0);
    expect(heatStep(0.0001, 0.2)).toBe(1);
    expect(heatStep(0.1, 0.2)).toBe(4);
    expect(heatStep(0.2, 0.2)).toBe(7);
    expect(heatStep(0.3, 0)).toBe(0);
  });

  it('names each step by its share range', () => {
    expect(heatLegend(7)[1]).toEqual({ step: 2, from: 1, to: 2 });
    expect(heatLegend(0.7)[6]!.to).toBeCloseTo(0.7, 10);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('keeps every figure at AA contrast on its step', () => {
    for (const colour of HEAT_COLOURS) expect(contrastRatio(colour, textColourOn(colour))).toBeGreaterThanOrEqual(4.5);
    expect(textColourOn('#f6f7f9')).toBe('#1f2933');
    expect(textColourOn('#08306b')).toBe('#ffffff');
  });

  it('arranges cells in recency rows and frequency columns', () => {
    const cells = [
      { recency: 1, frequency: 1 },
      { recency: 0, frequency: 1 },
      { recency: 1, frequency: 0 },
      { recency: 0, frequency: 0 },
    ];
    expect(matrixRows(cells)).toEqual([
      { recency: 0, cells: [cells[3], cells[1]] },
      { recency: 1, cells: [cells[2], cells[0]] },
    ]);
  });
});
