import assert from 'node:assert/strict';
import { derivedDepartmentHead } from '../../../bot/domain/leaders';

const p = (id: string, departmentId: string, managerId?: string) => ({ id, departmentId, managerId });

describe('the head of a department, from the reporting lines', () => {
  it('is the department’s one top manager when the head’s own record names the department', () => {
    const people = [
      p('director', 'Directie'),
      p('anneke', 'Ruimte', 'director'),
      p('sjoerd', 'Ruimte', 'anneke'),
      p('petra', 'Ruimte', 'anneke'),
      p('staff-1', 'Ruimte', 'sjoerd'),
      p('staff-2', 'Ruimte', 'petra'),
    ];
    assert.equal(derivedDepartmentHead('Ruimte', people), 'anneke');
  });

  it('is the one manager the team leaders share when the head sits in the management team', () => {
    const people = [
      p('director', 'Directie'),
      p('klaas', 'Directie', 'director'),
      p('harm', 'Openbare Ruimte', 'klaas'),
      p('geert', 'Openbare Ruimte', 'klaas'),
      p('w-1', 'Openbare Ruimte', 'harm'),
      p('w-2', 'Openbare Ruimte', 'geert'),
    ];
    assert.equal(derivedDepartmentHead('Openbare Ruimte', people), 'klaas');
  });

  it('is nobody when the top managers report to different people, or nobody manages anyone there', () => {
    const split = [p('a', 'X', 'boss-1'), p('b', 'X', 'boss-2'), p('a1', 'X', 'a'), p('b1', 'X', 'b')];
    assert.equal(derivedDepartmentHead('X', split), null);
    assert.equal(derivedDepartmentHead('Y', [p('y1', 'Y', 'elsewhere'), p('y2', 'Y', 'elsewhere')]), null);
    assert.equal(derivedDepartmentHead('Z', []), null);
  });
});
