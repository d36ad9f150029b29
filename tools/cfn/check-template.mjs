#!/usr/bin/env node
// Offline check of a CloudFormation template against the CloudFormation registry schemas as
// packaged by @aws-cdk/aws-service-spec (the database the AWS CDK generates its L1 classes from).
//
//   node check-template.mjs <template.yaml|json>               findings as JSON; exit 1 if any
//   node check-template.mjs --normalised <template.yaml|json>  the template as long-form JSON
//
// Checked: resource types exist; every property exists for its type, recursively through the
// spec's nested property types; required properties are set; values have the right shape
// (object / list / scalar) where no intrinsic function stands in; every Ref, Fn::GetAtt, Fn::Sub
// variable, DependsOn and Condition names something that exists (resources, parameters,
// conditions, pseudo parameters); every GetAtt attribute exists for the target's type.
// Not checked: allowed values, patterns, cross-property rules, IAM semantics, anything a real
// deployment decides (quotas, names taken, service-side validation).

import { readFileSync } from 'node:fs';
import { parseDocument, isMap, isSeq, isScalar, isAlias, isPair } from 'yaml';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

const SHORT_FORMS = {
  '!Ref': 'Ref', '!Condition': 'Condition',
  '!Sub': 'Fn::Sub', '!GetAtt': 'Fn::GetAtt', '!If': 'Fn::If', '!Equals': 'Fn::Equals',
  '!Select': 'Fn::Select', '!GetAZs': 'Fn::GetAZs', '!Join': 'Fn::Join', '!Split': 'Fn::Split',
  '!Not': 'Fn::Not', '!And': 'Fn::And', '!Or': 'Fn::Or', '!Base64': 'Fn::Base64',
  '!ImportValue': 'Fn::ImportValue', '!FindInMap': 'Fn::FindInMap', '!Cidr': 'Fn::Cidr',
  '!Transform': 'Fn::Transform', '!Length': 'Fn::Length', '!ToJsonString': 'Fn::ToJsonString',
};
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings',
  'Conditions', 'Transform', 'Resources', 'Outputs']);
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy',
  'Metadata', 'CreationPolicy', 'UpdatePolicy']);
const PARAMETER_TYPES = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Value<.+>)$/;

// ---------------------------------------------------------------------------------------------
// YAML with CloudFormation's short-form tags -> plain long-form JSON

/** Each short-form tag accepted on a scalar, a sequence and a mapping; converted when walking the tree. */
function customTags() {
  const tags = [];
  for (const tag of Object.keys(SHORT_FORMS)) {
    tags.push({ tag, resolve: (value) => value });
    tags.push({ tag, collection: 'seq', resolve: (value) => value });
    tags.push({ tag, collection: 'map', resolve: (value) => value });
  }
  return tags;
}

function toLongForm(node, doc) {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toLongForm(node.resolve(doc), doc);
  let value;
  if (isMap(node)) {
    value = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      value[key] = toLongForm(pair.value, doc);
    }
  } else if (isSeq(node)) {
    value = node.items.map((item) => toLongForm(item, doc));
  } else if (isScalar(node)) {
    value = node.value;
  } else if (isPair(node)) {
    value = toLongForm(node.value, doc);
  } else {
    value = node;
  }
  const tag = node.tag;
  if (tag && SHORT_FORMS[tag]) {
    const fn = SHORT_FORMS[tag];
    if (fn === 'Fn::GetAtt' && typeof value === 'string') {
      // !GetAtt Resource.Attribute: the attribute itself may contain dots (SnapStartResponse.ApplyOn)
      const dot = value.indexOf('.');
      value = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
    }
    return { [fn]: value };
  }
  return value;
}

export function loadTemplate(path) {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) return { template: JSON.parse(text), errors: [] };
  const doc = parseDocument(text, { customTags: customTags(), uniqueKeys: true });
  const errors = doc.errors.map((e) => ({ check: 'yaml', path: '', message: e.message }));
  return { template: toLongForm(doc.contents, doc), errors };
}

// ---------------------------------------------------------------------------------------------
// The check

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** An intrinsic function or Ref standing in for a value: {"Ref": ...} or {"Fn::...": ...}. */
function intrinsicName(value) {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const key = keys[0];
  return key === 'Ref' || key.startsWith('Fn::') ? key : null;
}

class Checker {
  constructor(db, template) {
    this.db = db;
    this.template = template;
    this.findings = [];
    this.resources = isObject(template.Resources) ? template.Resources : {};
    this.parameters = isObject(template.Parameters) ? template.Parameters : {};
    this.conditions = isObject(template.Conditions) ? template.Conditions : {};
    this.mappings = isObject(template.Mappings) ? template.Mappings : {};
    this.specCache = new Map();
  }

  report(check, path, message) {
    this.findings.push({ check, path, message });
  }

  resourceSpec(type) {
    if (!this.specCache.has(type)) {
      const found = this.db.lookup('resource', 'cloudFormationType', 'equals', type);
      this.specCache.set(type, found.length > 0 ? found[0] : null);
    }
    return this.specCache.get(type);
  }

  typeDefinition(reference) {
    return this.db.get('typeDefinition', reference.$ref);
  }

  run() {
    const t = this.template;
    if (!isObject(t)) {
      this.report('template', '', 'the template is not a mapping');
      return this.findings;
    }
    for (const key of Object.keys(t)) {
      if (!TOP_LEVEL.has(key)) this.report('template', key, `unknown top-level section ${key}`);
    }
    if (!isObject(t.Resources) || Object.keys(t.Resources).length === 0) {
      this.report('template', 'Resources', 'a template needs at least one resource');
    }
    for (const [name, parameter] of Object.entries(this.parameters)) {
      if (!isObject(parameter) || typeof parameter.Type !== 'string' || !PARAMETER_TYPES.test(parameter.Type)) {
        this.report('parameter', `Parameters.${name}`, `parameter ${name} has no valid Type`);
      }
    }
    for (const [name, condition] of Object.entries(this.conditions)) {
      this.references(condition, `Conditions.${name}`, { inConditions: true });
    }
    for (const [name, resource] of Object.entries(this.resources)) {
      this.checkResource(name, resource);
    }
    if (isObject(t.Outputs)) {
      for (const [name, output] of Object.entries(t.Outputs)) {
        const path = `Outputs.${name}`;
        if (!isObject(output) || !('Value' in output)) {
          this.report('output', path, `output ${name} has no Value`);
          continue;
        }
        if (output.Condition !== undefined) this.conditionName(output.Condition, `${path}.Condition`);
        this.references(output.Value, `${path}.Value`, { conditions: output.Condition === undefined ? [] : [output.Condition] });
      }
    }
    return this.findings;
  }

  checkResource(name, resource) {
    const path = `Resources.${name}`;
    if (!isObject(resource)) {
      this.report('resource', path, `resource ${name} is not a mapping`);
      return;
    }
    for (const key of Object.keys(resource)) {
      if (!RESOURCE_KEYS.has(key)) this.report('resource', `${path}.${key}`, `unknown resource attribute ${key}`);
    }
    const type = resource.Type;
    if (resource.Condition !== undefined) this.conditionName(resource.Condition, `${path}.Condition`);
    const dependsOn = resource.DependsOn === undefined ? [] : [].concat(resource.DependsOn);
    for (const target of dependsOn) {
      if (typeof target !== 'string' || !(target in this.resources)) {
        this.report('depends-on', `${path}.DependsOn`, `DependsOn names no resource: ${JSON.stringify(target)}`);
      } else if (!this.inScope(this.resources[target].Condition, resource.Condition === undefined ? [] : [resource.Condition])) {
        this.report('depends-on', `${path}.DependsOn`, `DependsOn ${target}, which exists only under condition `
          + `${this.resources[target].Condition}: CloudFormation refuses the template when that condition is false`);
      }
    }
    const scope = { conditions: resource.Condition === undefined ? [] : [resource.Condition] };
    if (resource.Metadata !== undefined) this.references(resource.Metadata, `${path}.Metadata`, scope);
    if (typeof type !== 'string') {
      this.report('resource-type', `${path}.Type`, `resource ${name} has no Type`);
      return;
    }
    const properties = resource.Properties === undefined ? {} : resource.Properties;
    this.references(properties, `${path}.Properties`, scope);
    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return;
    const spec = this.resourceSpec(type);
    if (!spec) {
      this.report('resource-type', `${path}.Type`, `unknown resource type ${type}`);
      return;
    }
    if (!isObject(properties)) {
      this.report('property', `${path}.Properties`, 'Properties must be a mapping');
      return;
    }
    this.checkObject(spec.properties, properties, `${path}.Properties`, type);
  }

  /** A value that should be an object of the given spec properties. */
  checkObject(specProperties, value, path, typeName) {
    for (const [key, propertyValue] of Object.entries(value)) {
      const property = specProperties[key];
      if (!property) {
        this.report('property', `${path}.${key}`, `${typeName} has no property ${key}`);
        continue;
      }
      this.checkValue(property.type, propertyValue, `${path}.${key}`);
    }
    for (const [key, property] of Object.entries(specProperties)) {
      if (property.required && !(key in value)) {
        this.report('required', `${path}.${key}`, `${typeName} requires ${key}`);
      }
    }
  }

  /** Shape findings of a value against a spec type, without reporting them (for unions). */
  tryValue(type, value, path) {
    const saved = this.findings;
    this.findings = [];
    this.checkValue(type, value, path);
    const found = this.findings;
    this.findings = saved;
    return found;
  }

  checkValue(type, value, path) {
    const fn = intrinsicName(value);
    if (fn === 'Fn::If' && Array.isArray(value[fn]) && value[fn].length === 3) {
      // both branches must fit (AWS::NoValue removes the property)
      for (const [i, branch] of [[1, value[fn][1]], [2, value[fn][2]]]) {
        if (isObject(branch) && branch.Ref === 'AWS::NoValue') continue;
        this.checkValue(type, branch, `${path}.Fn::If[${i}]`);
      }
      return;
    }
    if (fn) return; // an intrinsic's result is known only at deploy time
    switch (type.type) {
      case 'ref': {
        const definition = this.typeDefinition(type.reference);
        if (!definition) return;
        if (!isObject(value)) {
          this.report('shape', path, `expected a mapping (${definition.name}), got ${JSON.stringify(value)}`);
          return;
        }
        this.checkObject(definition.properties, value, path, definition.name);
        return;
      }
      case 'array':
        if (!Array.isArray(value)) {
          this.report('shape', path, `expected a list, got ${JSON.stringify(value)}`);
          return;
        }
        value.forEach((element, i) => {
          if (isObject(element) && element.Ref === 'AWS::NoValue') return;
          this.checkValue(type.element, element, `${path}[${i}]`);
        });
        return;
      case 'map':
        if (!isObject(value)) {
          this.report('shape', path, `expected a mapping, got ${JSON.stringify(value)}`);
          return;
        }
        for (const [key, element] of Object.entries(value)) this.checkValue(type.element, element, `${path}.${key}`);
        return;
      case 'union': {
        const attempts = type.types.map((member) => this.tryValue(member, value, path));
        if (attempts.some((found) => found.length === 0)) return;
        // report the closest fit: the member with the fewest findings
        attempts.sort((a, b) => a.length - b.length);
        this.findings.push(...attempts[0]);
        return;
      }
      case 'tag':
        if (!isObject(value) || !('Key' in value) || !('Value' in value)) {
          this.report('shape', path, `expected a tag {Key, Value}, got ${JSON.stringify(value)}`);
        }
        return;
      case 'json':
        return;
      case 'boolean':
        if (!(typeof value === 'boolean' || value === 'true' || value === 'false')) {
          this.report('shape', path, `expected a boolean, got ${JSON.stringify(value)}`);
        }
        return;
      case 'integer':
      case 'number':
        if (!(typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))))) {
          this.report('shape', path, `expected a number, got ${JSON.stringify(value)}`);
        }
        return;
      default: // string, date-time, null
        if (isObject(value) || Array.isArray(value)) {
          this.report('shape', path, `expected a scalar (${type.type}), got ${JSON.stringify(value)}`);
        }
    }
  }

  /** Whether a resource under `condition` (or none) surely exists where the conditions in scope hold. */
  inScope(condition, conditions) {
    return condition === undefined || (conditions || []).includes(condition);
  }

  /** A Ref or GetAtt of a resource that has a Condition must itself be under that condition. */
  conditionalTarget(name, path, context) {
    const target = this.resources[name];
    if (target && !this.inScope(target.Condition, context.conditions)) {
      this.report('condition-scope', path, `${name} exists only under condition ${target.Condition}; `
        + `refer to it under that condition (the resource's Condition or an Fn::If on it)`);
    }
  }

  conditionName(name, path) {
    if (typeof name !== 'string' || !(name in this.conditions)) {
      this.report('condition', path, `no condition named ${JSON.stringify(name)}`);
    }
  }

  refTarget(name, path, locals) {
    if (typeof name !== 'string') {
      this.report('ref', path, `Ref needs a name, got ${JSON.stringify(name)}`);
      return;
    }
    if (locals.has(name) || PSEUDO_PARAMETERS.has(name) || name in this.parameters || name in this.resources) return;
    this.report('ref', path, `Ref to nothing: ${name} is no resource, parameter or pseudo parameter`);
  }

  getAttTarget(resourceName, attribute, path) {
    const resource = this.resources[resourceName];
    if (!resource) {
      this.report('getatt', path, `GetAtt of ${resourceName}, which is no resource`);
      return;
    }
    if (typeof attribute !== 'string') return; // a Ref'd attribute name: known at deploy time
    const type = resource.Type;
    if (typeof type !== 'string' || type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return;
    const spec = this.resourceSpec(type);
    if (!spec) return; // reported as an unknown type
    if (!(attribute in spec.attributes)) {
      this.report('getatt', path, `${type} has no attribute ${attribute} (it has: ${Object.keys(spec.attributes).join(', ') || 'none'})`);
    }
  }

  /** Walks a value for Ref, Fn::GetAtt, Fn::Sub, Fn::If and Condition references. */
  references(value, path, context) {
    const locals = context.locals || new Set();
    if (Array.isArray(value)) {
      value.forEach((element, i) => this.references(element, `${path}[${i}]`, context));
      return;
    }
    if (!isObject(value)) return;
    const fn = intrinsicName(value) || (context.inConditions && Object.keys(value).length === 1 && 'Condition' in value ? 'Condition' : null);
    const argument = fn ? value[fn] : undefined;
    switch (fn) {
      case 'Ref':
        this.refTarget(argument, `${path}.Ref`, locals);
        if (!locals.has(argument)) this.conditionalTarget(argument, `${path}.Ref`, context);
        return;
      case 'Condition':
        this.conditionName(argument, `${path}.Condition`);
        return;
      case 'Fn::GetAtt': {
        const parts = typeof argument === 'string' ? [argument.slice(0, argument.indexOf('.')), argument.slice(argument.indexOf('.') + 1)] : argument;
        if (!Array.isArray(parts) || parts.length !== 2) {
          this.report('getatt', `${path}.Fn::GetAtt`, `GetAtt needs [resource, attribute], got ${JSON.stringify(argument)}`);
          return;
        }
        this.getAttTarget(parts[0], parts[1], `${path}.Fn::GetAtt`);
        this.conditionalTarget(parts[0], `${path}.Fn::GetAtt`, context);
        this.references(parts[1], `${path}.Fn::GetAtt[1]`, context);
        return;
      }
      case 'Fn::Sub': {
        let text = argument;
        const subLocals = new Set(locals);
        if (Array.isArray(argument)) {
          text = argument[0];
          if (isObject(argument[1])) {
            for (const [name, v] of Object.entries(argument[1])) {
              subLocals.add(name);
              this.references(v, `${path}.Fn::Sub[1].${name}`, context);
            }
          }
        }
        if (typeof text !== 'string') {
          this.report('sub', `${path}.Fn::Sub`, `Fn::Sub needs a string, got ${JSON.stringify(text)}`);
          return;
        }
        for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
          const variable = match[1].trim();
          if (variable.startsWith('!')) continue; // ${!Literal}
          if (variable.includes('.') && !subLocals.has(variable)) {
            const dot = variable.indexOf('.');
            this.getAttTarget(variable.slice(0, dot), variable.slice(dot + 1), `${path}.Fn::Sub`);
            this.conditionalTarget(variable.slice(0, dot), `${path}.Fn::Sub`, context);
          } else {
            this.refTarget(variable, `${path}.Fn::Sub`, subLocals);
            if (!subLocals.has(variable)) this.conditionalTarget(variable, `${path}.Fn::Sub`, context);
          }
        }
        return;
      }
      case 'Fn::If':
        if (!Array.isArray(argument) || argument.length !== 3) {
          this.report('if', `${path}.Fn::If`, 'Fn::If needs [condition, value if true, value if false]');
          return;
        }
        this.conditionName(argument[0], `${path}.Fn::If[0]`);
        this.references(argument[1], `${path}.Fn::If[1]`, { ...context, conditions: [...(context.conditions || []), argument[0]] });
        this.references(argument[2], `${path}.Fn::If[2]`, context);
        return;
      case 'Fn::FindInMap':
        if (Array.isArray(argument) && typeof argument[0] === 'string' && !(argument[0] in this.mappings)) {
          this.report('mapping', `${path}.Fn::FindInMap`, `no mapping named ${argument[0]}`);
        }
        this.references(argument, `${path}.${fn}`, context);
        return;
      default:
        for (const [key, element] of Object.entries(value)) this.references(element, `${path}.${key}`, context);
    }
  }
}

export function check(template, db = loadAwsServiceSpecSync()) {
  return new Checker(db, template).run();
}

// ---------------------------------------------------------------------------------------------

function main(args) {
  const normalised = args.includes('--normalised');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length !== 1) {
    process.stderr.write('usage: node check-template.mjs [--normalised] <template.yaml|json>\n');
    return 2;
  }
  let loaded;
  try {
    loaded = loadTemplate(files[0]);
  } catch (e) {
    process.stdout.write(JSON.stringify({ template: files[0], findings: [{ check: 'read', path: '', message: e.message }] }, null, 2) + '\n');
    return 1;
  }
  if (normalised) {
    if (loaded.errors.length > 0) {
      process.stderr.write(JSON.stringify(loaded.errors) + '\n');
      return 1;
    }
    process.stdout.write(JSON.stringify(loaded.template, null, 2) + '\n');
    return 0;
  }
  const findings = [...loaded.errors, ...(loaded.errors.length > 0 ? [] : check(loaded.template))];
  process.stdout.write(JSON.stringify({ template: files[0], findings }, null, 2) + '\n');
  return findings.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
