// Digivaardig on Azure: one resource group holds everything the Teams app needs.
//
//   managed identity ──► Azure Bot (UserAssignedMSI) ──► Teams channel
//         │                     │ https://<web app>/api/messages
//         ▼                     ▼
//   Cosmos DB (RBAC only) ◄── App Service (Node 20) ──► Application Insights ──► Log Analytics
//
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
// See infra/README.md.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------- parameters

@description('Azure region for all regional resources. Defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Prefix for resource names: lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(16)
param namePrefix string = 'digivaardig'

@description('Suffix that makes the globally unique names (web app, bot, Cosmos DB account) unique. Defaults to a hash of the resource group id.')
@minLength(3)
@maxLength(13)
param nameSuffix string = take(uniqueString(resourceGroup().id), 6)

@description('App Service plan SKU. B1 is enough for a pilot; choose P0v3 or higher for production load and zone redundancy.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param appServicePlanSku string = 'B1'

@description('Azure Bot pricing tier. F0 is free; the Teams channel is a standard channel either way.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Cosmos DB capacity mode: "serverless" (pay per request, the default) or "autoscale" (provisioned throughput shared by all containers). Chosen when the account is created.')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosCapacityMode string = 'serverless'

@description('Maximum RU/s of the shared autoscale throughput; only used when cosmosCapacityMode is "autoscale". Scales between 10 % of this and this value.')
@minValue(1000)
@maxValue(1000000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Name of the Cosmos DB SQL database (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'digivaardig'

@description('Comma-separated Entra tenant ids whose users may use the app (ALLOWED_TENANTS). Defaults to the tenant of this subscription.')
param allowedTenants string = subscription().tenantId

@description('Client id of the Entra app registration the tab uses for single sign-on (AAD_APP_CLIENT_ID). May stay empty on the first deployment; see infra/README.md.')
param aadAppClientId string = ''

@description('The Teams app id (manifest "id", TEAMS_APP_ID) for deep links from chat into the tabs. May stay empty.')
param teamsAppId string = ''

@description('Keep the stored directory up to date from Microsoft Graph (GRAPH_DIRECTORY): profiles, managers, direct reports. Needs the application permission User.Read.All granted to the managed identity (see infra/README.md).')
param graphDirectory bool = true

@description('Route help past digicoaches who are busy, away or offline in Teams (GRAPH_PRESENCE). Needs the application permission Presence.Read.All granted to the managed identity.')
param graphPresence bool = true

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags put on every resource.')
param tags object = {
  application: 'digivaardig'
}

// ---------------------------------------------------------------- names and constants

var identityName = '${namePrefix}-id-${nameSuffix}'
var workspaceName = '${namePrefix}-log-${nameSuffix}'
var appInsightsName = '${namePrefix}-appi-${nameSuffix}'
var planName = '${namePrefix}-plan-${nameSuffix}'
var webAppName = '${namePrefix}-${nameSuffix}'
var botName = '${namePrefix}-bot-${nameSuffix}'
var cosmosAccountName = toLower('${namePrefix}-cosmos-${nameSuffix}')
// The web app's own address, known before it exists (links in cards, the tab's host).
var publicBaseUrl = 'https://${webAppName}.azurewebsites.net'

var isServerless = cosmosCapacityMode == 'serverless'

// Built-in "Cosmos DB Built-in Data Contributor" data-plane role.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// Containers, partition keys and the paths their queries use; the server's bot/storage/containers.ts
// uses the same lists (CONTAINERS, INDEXED_PATHS). Everything else is left out of the index, so a write
// costs fewer request units (see infra/README.md, "Request units and cost").
// With Entra ID (RBAC) auth the app cannot create containers itself, so all of them are created here.
var cosmosContainers = [
  {
    name: 'tenants'
    partitionKey: '/tenantId'
    includedPaths: [
      {
        path: '/tenantId/?'
      }
      {
        path: '/docType/?'
      }
      {
        path: '/kind/?'
      }
      {
        path: '/leaderId/?'
      }
      {
        path: '/managerId/?'
      }
      {
        path: '/teamId/?'
      }
      {
        path: '/at/?'
      }
      {
        path: '/settings/retentionMonths/?'
      }
    ]
  }
  {
    name: 'users'
    partitionKey: '/userKey'
    includedPaths: [
      {
        path: '/userKey/?'
      }
    ]
  }
  {
    name: 'scans'
    partitionKey: '/userKey'
    includedPaths: [
      {
        path: '/userKey/?'
      }
      {
        path: '/tenantId/?'
      }
      {
        path: '/docType/?'
      }
      {
        path: '/completedAt/?'
      }
      {
        path: '/updatedAt/?'
      }
      {
        path: '/status/?'
      }
    ]
  }
  {
    name: 'tickets'
    partitionKey: '/tenantId'
    includedPaths: [
      {
        path: '/tenantId/?'
      }
      {
        path: '/docType/?'
      }
      {
        path: '/requester/userId/?'
      }
      {
        path: '/coachId/?'
      }
      {
        path: '/createdAt/?'
      }
      {
        path: '/state/?'
      }
      {
        path: '/updatedAt/?'
      }
      {
        path: '/passedBy/[]/?'
      }
      {
        path: '/events/[]/coachId/?'
      }
    ]
  }
  {
    name: 'aggregates'
    partitionKey: '/tenantId'
    includedPaths: [
      {
        path: '/tenantId/?'
      }
    ]
  }
  {
    name: 'schedule'
    partitionKey: '/tenantId'
    includedPaths: [
      {
        path: '/tenantId/?'
      }
      {
        path: '/docType/?'
      }
      {
        path: '/dueAt/?'
      }
      {
        path: '/status/?'
      }
      {
        path: '/availableAt/?'
      }
      {
        path: '/campaignId/?'
      }
      {
        path: '/userId/?'
      }
    ]
  }
  {
    name: 'content'
    partitionKey: '/tenantId'
    includedPaths: [
      {
        path: '/tenantId/?'
      }
    ]
  }
]

// ---------------------------------------------------------------- identity

@description('The app\'s single identity: the bot\'s Microsoft App ID and the Cosmos DB client.')
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// ---------------------------------------------------------------- monitoring

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

// ---------------------------------------------------------------- Cosmos DB

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: cosmosAccountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: isServerless ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    // Entra ID (RBAC) only: account keys cannot be used for data or metadata.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    // Serverless accounts take no throughput; provisioned ones share autoscale RU/s across containers.
    options: isServerless ? {} : {
      autoscaleSettings: {
        maxThroughput: cosmosAutoscaleMaxThroughput
      }
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in cosmosContainers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: [
            container.partitionKey
          ]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: container.includedPaths
          excludedPaths: [
            {
              path: '/*'
            }
            {
              path: '/"_etag"/?'
            }
          ]
        }
      }
      options: {}
    }
  }
]

@description('Lets the managed identity read and write items in every container of the account.')
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

// ---------------------------------------------------------------- App Service

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'PORT'
          value: '8080'
        }
        {
          name: 'BOT_APP_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_APP_TYPE'
          value: 'UserAssignedMSI'
        }
        {
          name: 'BOT_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmos.properties.documentEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: cosmosDatabaseName
        }
        {
          // DefaultAzureCredential picks the user-assigned identity by this client id.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'ALLOWED_TENANTS'
          value: allowedTenants
        }
        {
          name: 'AAD_APP_CLIENT_ID'
          value: aadAppClientId
        }
        {
          name: 'PUBLIC_BASE_URL'
          value: publicBaseUrl
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        {
          // Microsoft Graph with the same managed identity (no secret); it reads Graph in its own tenant only.
          name: 'GRAPH_AUTH'
          value: 'managed-identity'
        }
        {
          name: 'GRAPH_TENANT_ID'
          value: identity.properties.tenantId
        }
        {
          name: 'GRAPH_DIRECTORY'
          value: graphDirectory ? 'true' : 'false'
        }
        {
          name: 'GRAPH_PRESENCE'
          value: graphPresence ? 'true' : 'false'
        }
        {
          // Read by the platform's Application Insights integration, not by the app's configuration.
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
  }
  // Start the app only once its database, containers and data-plane role exist.
  dependsOn: [
    containers
    cosmosDataContributor
  ]
}

@description('Console output (the app\'s structured logs), HTTP and platform logs go to Log Analytics.')
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------- Azure Bot

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: 'Digivaardig'
    description: 'Digitale vaardigheden: zelfscan, hulp van een digicoach en teamvoortgang in Teams.'
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------- outputs

@description('Host name of the web app: TAB_HOST for manifest/package.ts.')
output webAppHostName string = webApp.properties.defaultHostName

@description('Name of the web app, for az webapp deploy.')
output webAppName string = webApp.name

@description('Client id of the managed identity: the bot\'s app id (BOT_ID for manifest/package.ts).')
output identityClientId string = identity.properties.clientId

@description('Cosmos DB endpoint (COSMOS_ENDPOINT).')
output cosmosEndpoint string = cosmos.properties.documentEndpoint

@description('Name of the Azure Bot resource.')
output botName string = bot.name

// For the environment file (see infra/README.md): the same names as the server's and npm run package's variables.

@description('BOT_APP_ID: the managed identity\'s client id is the bot\'s app id.')
output botAppId string = identity.properties.clientId

@description('BOT_TENANT_ID and GRAPH_TENANT_ID: the Entra tenant of the managed identity and the bot.')
output tenantId string = identity.properties.tenantId

@description('PUBLIC_BASE_URL: https://<web app host>; npm run package takes the tab\'s host from it.')
output publicBaseUrl string = publicBaseUrl

@description('AAD_APP_CLIENT_ID: the tab\'s SSO app registration, as given.')
output aadAppClientId string = aadAppClientId

@description('TEAMS_APP_ID, as given (may be empty).')
output teamsAppId string = teamsAppId

@description('Object id of the managed identity\'s service principal: grant it the Graph application permissions (infra/README.md).')
output identityPrincipalId string = identity.properties.principalId
