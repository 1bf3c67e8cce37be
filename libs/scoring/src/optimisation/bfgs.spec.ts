import { minimiseBfgs, type DifferentiableObjective } from './bfgs';

const rosenbrock: DifferentiableObjective = ([x, y], gradient) => {
  const [a, b] = [x!, y!];
  gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  gradient[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('minimiseBfgs', () => {
  it('finds the minimum of the Rosenbrock valley from the textbook start (-1.2, 1)', () => {
    const result = minimiseBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10 });
    expect(result.stop).toBe('gradient');
    expect(result.point[0]).toBeCloseTo(1, 8);
    expect(result.point[1]).toBeCloseTo(1, 8);
    // 38 iterations, 65 evaluations: quasi-Newton speed along the curved valley, not steepest descent's thousands.
    expect(result.iterations).toBeLessThan(50);
  });

  it('finishes in a few iterations from the point and inverse Hessian of an earlier search', () => {
    const rough = minimiseBfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-3 });
    const warm = minimiseBfgs(rosenbrock, Array.from(rough.point), {
      gradientTolerance: 1e-10,
      inverseHessian: rough.inverseHessian,
    });
    expect(warm.point[0]).toBeCloseTo(1, 8);
    expect(warm.iterations).toBeLessThan(8);
  });

  it('solves a badly scaled quadratic exactly: minimum of sum c_i (x_i - i)^2', () => {
    const scales = [1e-3, 1, 1e3, 10];
    const quadratic: DifferentiableObjective = (point, gradient) => {
      let value = 0;
      point.forEach((x, i) => {
        value += scales[i]! * (x - i) ** 2;
        gradient[i] = 2 * scales[i]! * (x - i);
      });
      return value;
    };
    const result = minimiseBfgs(quadratic, [5, 5, 5, 5], { gradientTolerance: 1e-12 });
    expect(Array.from(result.point, (x) => Number(x.toFixed(6)))).toEqual([0, 1, 2, 3]);
  });

  it('steps back from where the objective is undefined (NaN outside the domain)', () => {
    // -ln(x) + x: minimum at 1; undefined for x <= 0, where a full first step lands.
    const result = minimiseBfgs(
      ([x], gradient) => {
        gradient[0] = -1 / x! + 1;
        return x! > 0 ? -Math.log(x!) + x! : NaN;
      },
      [0.05],
    );
    expect(result.point[0]).toBeCloseTo(1, 8);
  });

  it('stops without progress at a flat point it cannot improve, and when out of iterations', () => {
    const flat = minimiseBfgs(
      (_point, gradient) => {
        gradient[0] = 1; // a gradient that lies: no step decreases the constant
        return 0;
      },
      [0],
    );
    expect(flat.stop).toBe('no-progress');
    expect(minimiseBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 }).stop).toBe('iterations');
  });

  it('refuses a start where the objective is not finite', () => {
    expect(() => minimiseBfgs(() => NaN, [1])).toThrow(RangeError);
  });
});
