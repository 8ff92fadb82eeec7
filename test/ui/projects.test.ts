import { projectChoices } from '../../static/src/projects';

describe('macro config project choices', () => {
  const results = [
    { key: 'OPS', name: 'IT Operations' },
    { key: 'PAY', name: 'Payments' },
  ];

  test('the results as they are when the choice is among them, or nothing is chosen', () => {
    expect(projectChoices(results, 'PAY', new Map())).toEqual(results);
    expect(projectChoices(results, '', new Map())).toEqual(results);
  });

  test('the current choice stays offered while a search hides it, with its name when known', () => {
    expect(projectChoices(results, 'HR', new Map([['HR', 'HR Systems']]))[0]).toEqual({
      key: 'HR',
      name: 'HR Systems',
    });
    expect(projectChoices([], 'HR', new Map())).toEqual([{ key: 'HR', name: 'HR' }]);
  });
});
